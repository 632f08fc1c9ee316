using System.CommandLine;
using Gis.Cli.Options;
using Gis.Cli.Output;
using Gis.Core.Admin;
using Gis.Importers.Boundaries;

namespace Gis.Cli.Commands;

/// <summary><c>gis import boundaries</c>: provinces, districts, subdistricts.</summary>
internal static class BoundariesCommand
{
    /// <summary>Repairs listed one by one on screen; beyond this they are counted.</summary>
    private const int RepairsShown = 20;

    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "GeoJSON, Shapefile (.shp with .dbf, .prj, .cpg) or GeoPackage" };
        var level = new Option<string?>("--level")
        {
            Description = "province, district or subdistrict (default: the most detailed level the fields allow)",
        };
        level.AcceptOnlyFromAmong("province", "district", "subdistrict");
        var codeField = new Option<string?>("--code-field")
        {
            Description = "Field with the DOPA code (TH5001 or 5001); default detected (ADM2_PCODE, ...)",
        };
        var nameThField = new Option<string?>("--name-th-field")
        {
            Description = "Field with the Thai name; default detected (ADM2_TH, ...)",
        };
        var nameEnField = new Option<string?>("--name-en-field")
        {
            Description = "Field with the English name; default detected (ADM2_EN, ...)",
        };
        var srid = ImportOptions.Srid();
        var encoding = ImportOptions.Encoding();
        var layer = ImportOptions.Layer();
        var jsonOption = OutputOptions.Json();
        var credit = ImportOptions.Credit("HDX COD-AB (OCHA) for a file with HDX field names (ADM2_PCODE...), else the file name");

        var command = new Command("boundaries", """
            Import administrative boundaries. Codes are stored as DOPA codes (50, 5001, 500101); an area whose code is
            already stored is replaced, never duplicated, and stored hotspots are re-assigned to the new districts.
            Invalid polygons are repaired and each repair is reported.
            """)
        {
            file, level, codeField, nameThField, nameEnField, srid, encoding, layer, jsonOption, credit,
        };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            var options = new BoundaryReadOptions(
                parse.GetValue(level) switch
                {
                    "province" => AdminLevel.Province,
                    "district" => AdminLevel.District,
                    "subdistrict" => AdminLevel.Subdistrict,
                    _ => null,
                },
                parse.GetValue(codeField),
                parse.GetValue(nameThField),
                parse.GetValue(nameEnField),
                parse.GetValue(srid),
                parse.GetValue(encoding),
                parse.GetValue(layer));
            // Read and validate the whole file before touching the store, so a bad file changes nothing.
            var read = BoundaryReader.Read(path, options);
            var credited = ImportOptions.CreditOf(parse, credit, path) ?? read.Credit;
            await using var store = await GlobalOptions.OpenStoreAsync(parse, ct);
            var stored = await new BoundaryImporter(store) { Credit = credited }.ReplaceAsync(read.Areas, Path.GetFullPath(path), ct);

            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(jsonOption))
            {
                Json.Write(output, new
                {
                    File = path,
                    read.Format,
                    Level = read.Level.ToString().ToLowerInvariant(),
                    Fields = new { Code = read.CodeField, NameTh = read.NameThField, NameEn = read.NameEnField },
                    Areas = read.Areas.Count,
                    stored.Inserted,
                    stored.Replaced,
                    stored.HotspotsRetagged,
                    Repairs = read.Repairs.Select(r => new { r.Code, r.FeatureNumber, Kind = r.Kind.ToString(), r.Description }),
                    read.EncodingNote,
                });
                return 0;
            }
            await output.WriteLineAsync($"{path}: {Numbers.Count(read.Areas.Count)} {read.Level.ToString().ToLowerInvariant()} area(s) " +
                $"({read.Format}; code field {read.CodeField}): {Numbers.Count(stored.Inserted)} new, " +
                $"{Numbers.Count(stored.Replaced)} replaced, " +
                $"{Numbers.Count(stored.HotspotsRetagged)} stored hotspot(s) re-assigned");
            if (read.EncodingNote is { } note)
                await output.WriteLineAsync("  " + note);
            foreach (var repair in read.Repairs.Take(RepairsShown))
                await output.WriteLineAsync($"  repaired {repair.Code} (feature {repair.FeatureNumber}): {repair.Description}");
            if (read.Repairs.Count > RepairsShown)
                await output.WriteLineAsync($"  ... and {read.Repairs.Count - RepairsShown} more repair(s) (--json lists all)");
            return 0;
        });
        return command;
    }
}
