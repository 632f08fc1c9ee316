using System.CommandLine;
using System.Globalization;
using Gis.Cli.Options;
using Gis.Cli.Output;
using Gis.Core.Time;
using Gis.Importers.Firms;

namespace Gis.Cli.Commands;

/// <summary><c>gis import firms|boundaries|landuse|projects|gistda</c>.</summary>
internal static class ImportCommands
{
    /// <summary>Rejected lines shown per file on screen; the rest are in the import_rejection table.</summary>
    private const int RejectionsShown = 5;

    public static Command Create()
    {
        var import = new Command("import", "Import data into the PostGIS store");
        import.Subcommands.Add(Firms());
        import.Subcommands.Add(BoundariesCommand.Create());
        import.Subcommands.Add(LandUseCommand.Create());
        import.Subcommands.Add(ProjectsCommand.Import());
        import.Subcommands.Add(GistdaCommand.Create());
        return import;
    }

    private static Command Firms()
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "FIRMS CSV files (VIIRS S-NPP/NOAA-20/NOAA-21 or MODIS; archive, standard or NRT), " +
                ".zip archives of them, or directories",
            Arity = ArgumentArity.OneOrMore,
        };
        var strict = ImportOptions.Strict("line");
        var jsonOption = OutputOptions.Json();
        var covers = new Option<string?>("--covers")
        {
            Description = "FROM..TO: the Bangkok days every file delivers complete (a day without detections then counts as " +
                "zero, not as no data), e.g. 2026-01-01..2026-05-31",
        };
        var area = new Option<string?>("--area") { Description = "With --covers: the box west,south,east,north the files cover" };
        var credit = ImportOptions.Credit("the series the rows name, e.g. \"NASA FIRMS VIIRS NOAA-20 NRT (2.0NRT)\"");
        var actor = ActorOptions.As();
        var command = new Command("firms", """
            Import NASA FIRMS active-fire CSV files. Each file is one batch, stored whole or not at all. A detection
            delivered again (same satellite, time, latitude, longitude) is stored once. Unreadable lines are rejected
            with their line number and reason, kept in the import_rejection table; the file's other lines are stored
            unless --strict is given. Exit code 2 when any file was refused.
            """)
        {
            paths, strict, jsonOption, covers, area, credit, actor,
        };
        command.SetAction(async (parse, ct) =>
        {
            var json = parse.GetValue(jsonOption);
            var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var claim = Claim(parse.GetValue(covers), parse.GetValue(area));
            var credited = ImportOptions.CreditOf(parse, credit);
            var inputs = FirmsInput.Expand(parse.GetValue(paths)!)
                .Select(i => i with { Covers = claim, Credit = credited ?? i.Credit })
                .ToList();
            await using var store = await GlobalOptions.OpenStoreAsync(parse, ct);
            var importer = new FirmsImporter(store) { ImportedBy = ActorOptions.Who(parse, actor) };
            var results = new List<FirmsBatchResult>();
            var refused = new List<(string Source, string Error)>();
            foreach (var input in inputs)
            {
                try
                {
                    FirmsBatchResult result;
                    using (var bar = ProgressBar.ForTerminal(error, input.Name, input.Length, json))
                        result = await importer.ImportAsync(input, parse.GetValue(strict), bar, ct);
                    results.Add(result);
                    if (result.Refused)
                        refused.Add((input.Name, $"{Numbers.Count(result.Rejected)} unreadable line(s) and --strict: nothing stored"));
                    if (!json)
                        WriteBatch(output, result);
                }
                catch (FirmsFormatException e)
                {
                    refused.Add((input.Name, e.Message));
                    if (!json)
                        await error.WriteLineAsync("gis: " + e.Message);
                }
            }

            if (json)
                WriteJson(output, results, refused);
            else if (inputs.Count > 1)
                await output.WriteLineAsync($"total: {inputs.Count} file(s), {Numbers.Count(results.Sum(r => r.Read))} read, " +
                    $"{Numbers.Count(results.Sum(r => r.Stored))} stored, {Numbers.Count(results.Sum(r => r.Duplicate))} duplicate, " +
                    $"{Numbers.Count(results.Sum(r => r.Rejected))} rejected, {refused.Count} file(s) refused");
            return refused.Count > 0 ? GisCommand.Refused : 0;
        });
        return command;
    }

    /// <summary>The days and box <c>--covers</c> and <c>--area</c> declare; null without <c>--covers</c>.</summary>
    private static CoverageClaim? Claim(string? covers, string? area)
    {
        if (covers is null)
        {
            return area is null ? null
                : throw new FormatException("--area needs --covers FROM..TO: the box of the days a file delivers complete.");
        }
        var parts = covers.Split("..");
        if (parts.Length != 2)
            throw new FormatException($"--covers {covers}: expected FROM..TO, e.g. 2026-01-01..2026-05-31.");
        var (from, to) = (ThaiCalendar.ParseDate(parts[0]), ThaiCalendar.ParseDate(parts[1]));
        if (to < from)
            throw new FormatException($"--covers {covers}: the last day is before the first.");
        return new CoverageClaim(from, to, area is null ? null : BoundingBox.Parse(area), Series: null);
    }

    private static void WriteBatch(TextWriter output, FirmsBatchResult r)
    {
        output.WriteLine($"{r.Source}: {Numbers.Count(r.Read)} read, {Numbers.Count(r.Stored)} stored, " +
                         $"{Numbers.Count(r.Duplicate)} duplicate, " +
                         $"{Numbers.Count(r.Rejected)} rejected{(r.Refused ? " - REFUSED (--strict), nothing stored" : "")} " +
                         $"[batch {r.BatchId}, {r.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s]");
        WriteSupersede(output, r);
        WriteAlertsQueued(output, r);
        foreach (var rejection in r.Rejections.Take(RejectionsShown))
            output.WriteLine($"  line {rejection.Line}: {rejection.Reason}");
        if (r.Rejected > RejectionsShown)
            output.WriteLine($"  ... {Numbers.Count(r.Rejected - RejectionsShown)} more: " +
                             $"SELECT * FROM import_rejection WHERE batch_id = {r.BatchId}");
    }

    /// <summary>What standard data did to earlier NRT detections, and how district counts moved; nothing when no NRT was touched.</summary>
    internal static void WriteSupersede(TextWriter output, FirmsBatchResult r)
    {
        foreach (var satellite in r.SupersedeWarnings.GroupBy(w => w.Satellite))
        {
            var days = string.Join("; ", satellite.Select(w => $"{w.UtcDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}: " +
                $"{Numbers.Count(w.StandardRows)} standard row(s) replaced {Numbers.Count(w.Replaced)} NRT detection(s)"));
            output.WriteLine($"  WARNING: {r.Source}: a few standard rows replaced many NRT detections of {satellite.Key} " +
                             $"(UTC days {days}); standard data replaces every NRT detection of its satellite and day: " +
                             "check that this file is standard data of the whole area (its version column)");
        }
        if (r.Superseded > 0)
        {
            output.WriteLine($"  standard data replaced {Numbers.Count(r.Superseded)} NRT detection(s) (kept, no longer counted); " +
                             "counts per district:");
            foreach (var shift in r.DistrictShifts)
            {
                output.WriteLine($"    {shift.DistrictCode ?? "outside"}: -{Numbers.Count(shift.Removed)} NRT " +
                                 $"+{Numbers.Count(shift.Added)} standard = {(shift.Net > 0 ? "+" : "")}{Numbers.Count(shift.Net)}");
            }
        }
        if (r.SupersededOnArrival > 0)
            output.WriteLine($"  {Numbers.Count(r.SupersededOnArrival)} NRT detection(s) stored as replaced: " +
                             "standard data of their day is already stored");
    }

    /// <summary>How many alert messages the import queued (<c>gis alerts deliver</c> or the watcher sends them).</summary>
    internal static void WriteAlertsQueued(TextWriter output, FirmsBatchResult r)
    {
        if (!r.Refused)
            output.WriteLine($"  {Numbers.Count(r.AlertsQueued)} alert message{(r.AlertsQueued == 1 ? "" : "s")} queued");
    }

    /// <summary>The JSON form of <see cref="WriteSupersede"/>'s figures, shared by <c>import firms</c> and <c>fetch firms</c>.</summary>
    internal static object SupersedeJson(FirmsBatchResult r) => new
    {
        r.Superseded,
        r.SupersededOnArrival,
        DistrictShifts = r.DistrictShifts.Select(s => new { District = s.DistrictCode, s.Removed, s.Added, s.Net }),
        Warnings = r.SupersedeWarnings.Select(w => new { w.Satellite, w.UtcDay, w.StandardRows, w.Replaced }),
    };

    private static void WriteJson(TextWriter output, List<FirmsBatchResult> results,
        List<(string Source, string Error)> refused) => Json.Write(output, new
        {
            Batches = results.Select(r => new FirmsBatchJson(r)),
            Refused = refused.Select(f => new { f.Source, f.Error }),
        });

    /// <summary>One batch in <c>--json</c> output (public properties only are written); <c>import gistda</c> extends it.</summary>
    internal class BatchJson(FirmsBatchResult result)
    {
        protected FirmsBatchResult Result => result;

        public long BatchId => result.BatchId;

        public string Source => result.Source;

        public string Sha256 => result.Sha256;

        public int RowsRead => result.Read;

        public int RowsStored => result.Stored;

        public int RowsDuplicate => result.Duplicate;

        public int RowsRejected => result.Rejected;

        public bool Refused => result.Refused;

        public IEnumerable<object> Rejections => result.Rejections.Select(j => new { j.Line, j.Reason });
    }

    private sealed class FirmsBatchJson(FirmsBatchResult result) : BatchJson(result)
    {
        public object Nrt => SupersedeJson(Result);

        public int AlertsQueued => Result.AlertsQueued;
    }
}
