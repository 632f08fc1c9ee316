using System.Globalization;
using System.Text;
using Gis.SampleData.Firms;
using Gis.SampleData.Geography;
using Gis.SampleData.LandUse;
using Gis.SampleData.Projects;
using Gis.SampleData.Text;
using NetTopologySuite.Geometries;

namespace Gis.SampleData;

/// <summary>
/// Writes the whole sample dataset (boundaries, FIRMS seasons, land use, plan projects) into a folder. Same seed, same
/// bytes: files are UTF-8 without BOM, LF line ends, invariant numbers, a fixed order of everything.
/// </summary>
internal static class SampleDataset
{
    /// <summary>The seed the committed sample-data/ was made with.</summary>
    public const ulong DefaultSeed = 2566;

    /// <summary>What maps and reports credit for the sample data: never HDX, NASA or LDD.</summary>
    public const string Credit = "synthetic sample data (gis sample-data generator)";

    private const string ShapeNote =
        "synthetic: Voronoi cells of approximate district centres clipped to an approximate outline; not an official boundary";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes every file under <paramref name="outputDirectory"/> (created if needed); returns the relative paths.</summary>
    public static IReadOnlyList<string> Write(string outputDirectory, ulong seed = DefaultSeed)
    {
        var written = new List<string>();
        var districts = DistrictTessellation.Build();
        var province = DistrictTessellation.Province();

        Save(outputDirectory, "boundaries/chiang-mai-districts.geojson", written, w =>
        {
            var geo = new GeoJsonFeatureWriter(w);
            geo.Begin();
            foreach (var (d, boundary) in districts)
            {
                geo.Feature(
                [
                    ("ADM2_PCODE", "TH" + d.Code), ("ADM2_TH", d.NameTh), ("ADM2_EN", d.NameEn),
                    ("ADM1_PCODE", "TH" + ChiangMai.ProvinceCode), ("ADM1_TH", ChiangMai.ProvinceNameTh),
                    ("ADM1_EN", ChiangMai.ProvinceNameEn), ("SHAPE_NOTE", ShapeNote),
                ], boundary);
            }
            geo.End();
        });

        Save(outputDirectory, "boundaries/chiang-mai-province.geojson", written, w =>
        {
            var geo = new GeoJsonFeatureWriter(w);
            geo.Begin();
            geo.Feature(
            [
                ("ADM1_PCODE", "TH" + ChiangMai.ProvinceCode), ("ADM1_TH", ChiangMai.ProvinceNameTh),
                ("ADM1_EN", ChiangMai.ProvinceNameEn), ("SHAPE_NOTE", ShapeNote),
            ], DistrictTessellation.ProvinceOf(districts));
            geo.End();
        });

        var seasons = SeasonFiles.Generate(seed, districts, province);
        var buffer = new char[FirmsLayout.MaxRowLength];
        foreach (var file in seasons)
        {
            Save(outputDirectory, "firms/" + file.FileName, written, w =>
            {
                w.Write(file.Layout.Header);
                w.Write('\n');
                foreach (var (row, _) in file.Rows)
                    w.Write(buffer, 0, file.Layout.Format(row, buffer));
            });
        }
        Save(outputDirectory, "expected/hotspots-by-district.csv", written, w => WriteSummary(w, seasons));

        var (lu2565, lu2566) = LandUseSnapshots.Generate(seed, districts);
        Save(outputDirectory, "landuse/landuse-2565.geojson", written, w => WriteLandUse(w, lu2565));
        Save(outputDirectory, "landuse/landuse-2566.geojson", written, w => WriteLandUse(w, lu2566));

        // The files imitate HDX, FIRMS and LDD layouts byte for byte, so only the folder can say they are synthetic:
        // the importers read a credit.txt beside a file as its source (ADR 0017).
        foreach (var folder in (string[])["boundaries", "firms", "landuse"])
            Save(outputDirectory, folder + "/credit.txt", written, w => w.Write(Credit + "\n"));

        Save(outputDirectory, "projects/projects.csv", written, PlanProjects.WriteCsv);
        Save(outputDirectory, "projects/project-areas.geojson", written, w =>
        {
            var geo = new GeoJsonFeatureWriter(w);
            geo.Begin();
            foreach (var area in PlanProjects.Areas(DistrictTessellation.Factory))
                geo.Feature([("project_code", area.ProjectCode), ("year", area.YearBe), ("area_name", area.Name)], area.Boundary);
            geo.End();
        });
        return written;
    }

    /// <summary>
    /// Expected answers for importer and counting tests: per file and district, distinct detections (re-delivered
    /// repeats counted once) and those whose Bangkok day lies in the 1 Jan - 31 May window of the file's year.
    /// </summary>
    private static void WriteSummary(TextWriter w, IReadOnlyList<SeasonFile> seasons)
    {
        w.Write("file,district_code,detections,fire_season_detections\n");
        foreach (var file in seasons)
        {
            var distinct = file.Rows.DistinctBy(r => (r.Row.AcqDate, r.Row.AcqTimeHhmm, r.Row.LatitudeE5, r.Row.LongitudeE5)).ToList();
            var seasonStart = new DateOnly(file.Year, 1, 1);
            var seasonEnd = new DateOnly(file.Year, 5, 31);
            foreach (var code in ChiangMai.Districts.Select(d => d.Code).Append(SeasonFiles.Outside))
            {
                var mine = distinct.Where(r => r.District == code).ToList();
                var inSeason = mine.Count(r =>
                {
                    var day = Gis.Core.Time.Bangkok.LocalDay(r.Row.AcquiredUtc);
                    return day >= seasonStart && day <= seasonEnd;
                });
                w.Write(string.Create(CultureInfo.InvariantCulture, $"{file.FileName},{code},{mine.Count},{inSeason}\n"));
            }
        }
    }

    private static void WriteLandUse(TextWriter w, IReadOnlyList<Parcel> parcels)
    {
        var geo = new GeoJsonFeatureWriter(w);
        geo.Begin();
        foreach (var p in parcels)
        {
            geo.Feature(
            [
                ("PARCEL_ID", p.Id), ("LU_CODE", p.Class.Code), ("LUL1_CODE", p.Class.Level1), ("LUL2_CODE", p.Class.Level2),
                ("LU_DES_TH", p.Class.NameTh), ("LU_DES_EN", p.Class.NameEn),
            ], p.Boundary);
        }
        geo.End();
    }

    private static void Save(string root, string relativePath, List<string> written, Action<TextWriter> write)
    {
        var path = Path.Combine(root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var writer = new StreamWriter(path, append: false, Utf8))
        {
            // Line ends are written explicitly as \n; nothing here depends on Environment.NewLine.
            write(writer);
        }
        written.Add(relativePath);
    }
}
