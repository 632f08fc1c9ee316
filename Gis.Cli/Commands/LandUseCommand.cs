using System.CommandLine;
using System.Globalization;
using Gis.Cli.Options;
using Gis.Cli.Output;
using Gis.Core.Time;
using Gis.Core.Units;
using Gis.Importers.LandUse;

namespace Gis.Cli.Commands;

/// <summary><c>gis import landuse</c>: one land-use snapshot.</summary>
internal static class LandUseCommand
{
    /// <summary>Repairs listed one by one on screen; beyond this they are counted.</summary>
    private const int RepairsShown = 20;

    public static Command Create()
    {
        var file = new Argument<string>("FILE")
        {
            Description = "GeoJSON, Shapefile (.shp with .dbf, .prj, .cpg) or GeoPackage of land-use polygons",
        };
        var snapshot = new Option<int>("--snapshot")
        {
            Description = "The survey year, Buddhist Era (e.g. 2565); with --ce a CE year (2022)",
            Required = true,
        };
        var ce = YearOptions.Ce("--snapshot is");
        var classField = new Option<string>("--class-field")
        {
            Description = "Field with the class code",
            DefaultValueFactory = _ => LandUseReader.DefaultClassField,
        };
        var mapping = new Option<string?>("--mapping")
        {
            Description = "CSV code,green,land_class[,description] saying per code or prefix what counts as green "
                + "(default: the LDD table in docs/landuse-mapping.md)",
        };
        var srid = ImportOptions.Srid();
        var encoding = ImportOptions.Encoding();
        var layer = ImportOptions.Layer();
        var jsonOption = OutputOptions.Json();
        var credit = ImportOptions.Credit("Land Development Department (LDD) for a layer with LU_CODE, else the file name");

        var command = new Command("landuse", """
            Import land-use / land-cover polygons as one snapshot (a survey year). Each parcel is classified by the
            mapping table: green or not, and one of the six hotspot land classes. Re-importing a year replaces that
            snapshot wholly; a feature that cannot be read refuses the file (named by feature number) and changes
            nothing. Invalid polygons are repaired and each repair is reported.
            """)
        {
            file, snapshot, ce, classField, mapping, srid, encoding, layer, jsonOption, credit,
        };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            var year = SnapshotYear(parse.GetValue(snapshot), parse.GetValue(ce));
            var table = parse.GetValue(mapping) is { } mappingPath ? LandUseMappingFile.Read(mappingPath) : LandUseMappingFile.Default;
            var options = new LandUseReadOptions(parse.GetValue(classField)!, parse.GetValue(srid), parse.GetValue(encoding),
                parse.GetValue(layer));

            // Open (fields, CRS) before the store, so a wrong file is refused without starting a database.
            using var landUse = LandUseReader.Open(path, table, options);
            var credited = ImportOptions.CreditOf(parse, credit, path);
            await using var store = await GlobalOptions.OpenStoreAsync(parse, ct);
            var result = await new LandUseImporter(store) { Credit = credited }.ImportAsync(landUse, year, null, ct);

            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(jsonOption))
            {
                Json.Write(output, new
                {
                    File = path,
                    landUse.Format,
                    Snapshot = result.Snapshot.ToString(CultureInfo.InvariantCulture),
                    landUse.ClassField,
                    result.Sha256,
                    result.Parcels,
                    result.GreenParcels,
                    result.ReplacedParcels,
                    AreaRai = Math.Round(result.AreaRai, 4),
                    GreenAreaRai = Math.Round(result.GreenAreaRai, 4),
                    result.OverlappingParcels,
                    OverlapRai = Math.Round(result.OverlapRai, 4),
                    Repairs = result.Repairs.Select(r => new { r.FeatureNumber, r.ClassCode, r.Description }),
                    landUse.EncodingNote,
                });
                return 0;
            }
            await output.WriteLineAsync($"{path}: snapshot {result.Snapshot} ({landUse.Format}; class field {landUse.ClassField}): "
                + $"{Numbers.Count(result.Parcels)} parcel(s), {Numbers.Count(result.GreenParcels)} green"
                + (result.ReplacedParcels > 0 ? $", replacing {Numbers.Count(result.ReplacedParcels)}" : "")
                + $" [{result.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s]");
            await output.WriteLineAsync($"  area {Areas.Rai(result.AreaRai)} rai ({Rai.ToRaiNganWah(result.AreaRai)}), "
                + $"green {Areas.Rai(result.GreenAreaRai)} rai ({Rai.ToRaiNganWah(result.GreenAreaRai)}), on the ellipsoid, "
                + "of the union of the parcels");
            if (result.OverlappingParcels > 0)
            {
                await output.WriteLineAsync($"  warning: {Numbers.Count(result.OverlappingParcels)} parcel(s) overlap others: "
                    + $"{Areas.Rai(result.OverlapRai)} rai lie under more than one parcel (counted once above and in green "
                    + "change; a hotspot there takes the land class of the first parcel stored)");
            }
            if (landUse.EncodingNote is { } note)
                await output.WriteLineAsync("  " + note);
            foreach (var repair in result.Repairs.Take(RepairsShown))
                await output.WriteLineAsync($"  repaired feature {repair.FeatureNumber} ({repair.ClassCode}): {repair.Description}");
            if (result.Repairs.Count > RepairsShown)
                await output.WriteLineAsync($"  ... and {result.Repairs.Count - RepairsShown} more repair(s) (--json lists all)");
            return 0;
        });
        return command;
    }

    /// <summary>The BE year of <c>--snapshot</c>; a year that looks CE without <c>--ce</c> is refused rather than guessed.</summary>
    private static int SnapshotYear(int given, bool ce)
    {
        var year = ce ? given + ThaiCalendar.BuddhistEraOffset : given;
        if (year is < LandUseImporter.FirstYear or > LandUseImporter.LastYear)
        {
            throw new FormatException(ce
                ? $"--snapshot {given} --ce is BE {year}, outside {LandUseImporter.FirstYear}-{LandUseImporter.LastYear}."
                : $"--snapshot {given} is not a Buddhist Era year ({LandUseImporter.FirstYear}-{LandUseImporter.LastYear}); "
                  + "for a CE year add --ce (BE = CE + 543).");
        }
        return year;
    }
}
