using System.CommandLine;
using System.Globalization;
using Gis.Cli.Options;
using Gis.Cli.Output;
using Gis.Importers.Features;
using Gis.Importers.Gistda;

namespace Gis.Cli.Commands;

/// <summary><c>gis import gistda FILE...</c>: GISTDA hotspot exports, stored apart from FIRMS.</summary>
internal static class GistdaCommand
{
    /// <summary>Rejected records shown per file on screen; the rest are in the import_rejection table.</summary>
    private const int RejectionsShown = 5;

    public static Command Create()
    {
        var paths = new Argument<string[]>("FILE")
        {
            Description = "GISTDA hotspot exports: CSV (UTF-8 or TIS-620), GeoJSON or Shapefile (.shp with its .dbf)",
            Arity = ArgumentArity.OneOrMore,
        };
        var strict = ImportOptions.Strict("record");
        var encoding = ImportOptions.Encoding("a CSV or a Shapefile's .dbf", "detected (CSV) or the .cpg");
        var jsonOption = OutputOptions.Json();
        var credit = ImportOptions.Credit("GISTDA", besideFile: false);
        var actor = ActorOptions.As();
        var command = new Command("gistda", """
            Import GISTDA hotspot exports (the official Thai VIIRS counts, with GISTDA's land class and Thai place names)
            into gistda_hotspot. Each file is one batch, stored whole or not at all; a record delivered again is stored
            once. Dates may be CE or Buddhist Era. FIRMS data and its counts are not touched: compare the two with
            'gis targets hotspots --compare gistda'. Exit code 2 when any file was refused.
            """)
        {
            paths, strict, encoding, jsonOption, credit, actor,
        };
        command.SetAction(async (parse, ct) =>
        {
            var json = parse.GetValue(jsonOption);
            var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var credited = ImportOptions.CreditOf(parse, credit);
            await using var store = await GlobalOptions.OpenStoreAsync(parse, ct);
            var importer = new GistdaImporter(store) { Credit = credited, ImportedBy = ActorOptions.Who(parse, actor) };
            var results = new List<GistdaBatchResult>();
            var refused = new List<(string Source, string Error)>();
            foreach (var path in parse.GetValue(paths)!)
            {
                try
                {
                    var result = await importer.ImportAsync(path, parse.GetValue(strict), parse.GetValue(encoding), ct);
                    results.Add(result);
                    if (result.Batch.Refused)
                        refused.Add((path, $"{Numbers.Count(result.Batch.Rejected)} unreadable record(s) and --strict: nothing stored"));
                    if (!json)
                        Write(output, result);
                }
                catch (Exception e) when (e is FeatureFormatException or IOException or UnauthorizedAccessException)
                {
                    // One unreadable file (missing, a directory, no permission) is refused by name; the others go on.
                    var message = e is FeatureFormatException || e.Message.Contains(path, StringComparison.Ordinal)
                        ? e.Message
                        : $"{path}: cannot be read: {e.Message}";
                    refused.Add((path, message));
                    if (!json)
                        await error.WriteLineAsync("gis: " + message);
                }
            }
            if (json)
            {
                Json.Write(output, new
                {
                    Batches = results.Select(r => new GistdaBatchJson(r)),
                    Refused = refused.Select(f => new { f.Source, f.Error }),
                });
            }
            return refused.Count > 0 ? GisCommand.Refused : 0;
        });
        return command;
    }

    private static void Write(TextWriter output, GistdaBatchResult result)
    {
        var r = result.Batch;
        output.WriteLine($"{r.Source}: {Numbers.Count(r.Read)} read, {Numbers.Count(r.Stored)} stored, " +
                         $"{Numbers.Count(r.Duplicate)} duplicate, " +
                         $"{Numbers.Count(r.Rejected)} rejected{(r.Refused ? " - REFUSED (--strict), nothing stored" : "")} " +
                         $"[batch {r.BatchId}, {r.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s]");
        if (result.Outside > 0)
            output.WriteLine($"  {Numbers.Count(result.Outside)} record(s) lie in no imported district: stored, counted nowhere");
        if (result.DistrictNameMismatch > 0)
            output.WriteLine($"  {Numbers.Count(result.DistrictNameMismatch)} record(s) name another district (AP_TN) " +
                             "than the polygon they lie in; counts use the polygon");
        foreach (var (name, n) in result.UnknownLandUse.OrderByDescending(kv => kv.Value))
            output.WriteLine($"  LU_NAME '{name}' ({Numbers.Count(n)}x) is none of the six land classes: counted as unmapped");
        foreach (var rejection in r.Rejections.Take(RejectionsShown))
            output.WriteLine($"  {rejection.Reason}");
        if (r.Rejected > RejectionsShown)
            output.WriteLine($"  ... {Numbers.Count(r.Rejected - RejectionsShown)} more: " +
                             $"SELECT * FROM import_rejection WHERE batch_id = {r.BatchId}");
    }

    private sealed class GistdaBatchJson(GistdaBatchResult result) : ImportCommands.BatchJson(result.Batch)
    {
        public int Outside => result.Outside;

        public IReadOnlyDictionary<string, int> UnknownLandUse => result.UnknownLandUse;

        public int DistrictNameMismatch => result.DistrictNameMismatch;
    }
}
