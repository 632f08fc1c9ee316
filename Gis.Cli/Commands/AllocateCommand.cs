using System.CommandLine;
using System.Globalization;
using Gis.Cli.Options;
using Gis.Cli.Output;
using Gis.Core.Admin;
using Gis.Core.Targets;
using Gis.Importers.Queries.AdminAreas;
using Gis.Importers.Targets;

namespace Gis.Cli.Commands;

/// <summary><c>gis allocate</c>: the provincial green-area target split over districts.</summary>
internal static class AllocateCommand
{
    /// <summary>The plan: 1,000 rai of green area added every year.</summary>
    private const int PlanTargetRai = 1000;

    public static Command Create()
    {
        var year = GreenOptions.AllocationYear();
        var targetRai = new Option<int>("--target-rai")
        {
            Description = "The provincial target in whole rai",
            DefaultValueFactory = _ => PlanTargetRai,
        };
        var weight = new Option<string>("--weight")
        {
            Description = "Share in proportion to: restorable (non-green land-use area), area (district area) " +
                "or hotspots (previous season)",
            DefaultValueFactory = _ => "restorable",
        };
        weight.AcceptOnlyFromAmong("restorable", "area", "hotspots");
        var locks = new Option<string[]>("--lock")
        {
            Description = "Keep a district's allocation as set, CODE=RAI (repeatable), e.g. 5010=120",
            AllowMultipleArgumentsPerToken = true,
        };
        var replace = new Option<bool>("--replace")
        {
            Description = "Overwrite a table a planner edited (other target or weights) and drop its locks; lists what it removes",
        };
        var ce = YearOptions.Ce("--year is");
        var province = ProvinceOptions.Province("whose districts share the target");
        var actor = ActorOptions.As();
        var format = OutputOptions.Format();

        var command = new Command("allocate", """
            Split the provincial green-area target over the districts: locked districts keep their value, the rest share
            what is left in proportion to the weight, rounded to whole rai that add up exactly to the target.
            The split is stored (table district_allocation, view district_allocation_map) and shown by 'targets green'.
            Locks set in the planner are kept; a table a planner edited is not given another target or weights unless
            --replace is given. The run enters the planner's history (changed by --as NAME, else the OS user), where it can be undone.
            """)
        {
            year, targetRai, weight, locks, replace, province, ce, format, actor,
        };
        command.SetAction(async (parse, ct) =>
        {
            var beYear = parse.GetValue(year) + (parse.GetValue(ce) ? Core.Time.ThaiCalendar.BuddhistEraOffset : 0);
            if (beYear is < 2400 or > 2700)
                throw new FormatException(
                    $"--year {parse.GetValue(year)} is not a Buddhist Era year (e.g. 2569); give --ce for a CE year.");
            var locked = new Dictionary<string, int>();
            foreach (var (code, value) in (parse.GetValue(locks) ?? []).Select(TargetSettings.ParsePair))
            {
                if (value != Math.Floor(value))
                    throw new FormatException($"--lock {code}={value}: allocations are whole rai.");
                if (!locked.TryAdd(code, (int)value))
                    throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                        $"--lock {code} is given twice ({locked[code]} and {value} rai): give each district once."));
            }
            var weightKind = Enum.Parse<AllocationWeight>(parse.GetValue(weight)!, ignoreCase: true);

            await using var store = await GlobalOptions.OpenStoreAsync(parse, ct);
            var user = ActorOptions.Who(parse, actor);
            var report = await new AllocationService(store).AllocateAsync(beYear, DopaCode.Normalize(parse.GetValue(province)),
                parse.GetValue(targetRai), weightKind, locked, user, parse.GetValue(replace), ct);
            var (districts, _) = await new AdminAreaQueries(store).DistrictsOfAsync(DopaCode.Normalize(parse.GetValue(province)), ct);
            var names = districts.ToDictionary(d => d.Code);
            Write(parse.InvocationConfiguration.Output, parse.GetValue(format)!, report, names);
            return 0;
        });
        return command;
    }

    private static void Write(TextWriter output, string format, AllocationReport report,
        Dictionary<string, Core.Hotspots.DistrictCount> names)
    {
        switch (format)
        {
            case "json":
                Json.Write(output, new
                {
                    report.Year,
                    report.TargetRai,
                    Weight = report.Weight.ToString().ToLowerInvariant(),
                    report.WeightSource,
                    report.EqualSplit,
                    report.ChangeId,
                    KeptLocks = report.KeptLocks.Select(d => d.Code),
                    report.Replaced,
                    report.OverwrotePlannerEdit,
                    report.Overwritten,
                    Districts = report.Districts.Select(d =>
                        new { d.Code, names[d.Code].NameTh, names[d.Code].NameEn, d.AllocationRai, d.Locked, d.Weight }),
                });
                break;
            case "csv":
                output.WriteLine(Csv.Line("code", "name_th", "name_en", "allocation_rai", "locked", "weight"));
                foreach (var d in report.Districts)
                    output.WriteLine(Csv.Line(d.Code, names[d.Code].NameTh, names[d.Code].NameEn, Numbers.Plain(d.AllocationRai), d.Locked
                        ? "true" : "false", d.Weight.ToString("R", CultureInfo.InvariantCulture)));
                break;
            default:
                output.WriteLine(
                    $"Green-area allocation {report.Year}: {Numbers.Count(report.TargetRai)} rai, in proportion to {report.WeightSource}");
                output.WriteLine();
                var table = new TextTable("code", "district", "อำเภอ", "allocation (rai)", "locked", "weight").AlignRight(3, 5);
                foreach (var d in report.Districts)
                    table.Add(d.Code, names[d.Code].NameEn, names[d.Code].NameTh, Numbers.Count(d.AllocationRai), d.Locked ? "locked" : "",
                        d.Weight.ToString("N1", CultureInfo.InvariantCulture));
                table.AddSeparator();
                table.Add("", "total", "รวม", Numbers.Count(report.Districts.Sum(d => d.AllocationRai)), "", "");
                table.WriteTo(output);
                if (report.EqualSplit)
                    output.WriteLine("Note: every free district has weight 0, so the rest was shared equally.");
                WriteRun(output, report);
                break;
        }
    }

    /// <summary>What the run did to the stored table: kept locks, what --replace removed, and its history entry.</summary>
    private static void WriteRun(TextWriter output, AllocationReport report)
    {
        if (report.KeptLocks.Count > 0)
            output.WriteLine("Kept the stored locks: " + string.Join(", ",
                report.KeptLocks.Select(d => $"{d.Code} = {Numbers.Count(d.AllocationRai)} rai")));
        if (report.Replaced.Count > 0)
            output.WriteLine("--replace removed: " + string.Join("; ", report.Replaced));
        if (report is { OverwrotePlannerEdit: { } edit, Overwritten.Count: > 0, ChangeId: { } undo })
            output.WriteLine($"Overwrote the planner's work ({edit}): " + string.Join("; ", report.Overwritten)
                + $". The way back: undo change #{undo} in the planner's history");
        output.WriteLine(report.ChangeId is { } id
            ? $"Stored; history change #{id} (undo it in the workstation's planner history)."
            : "Unchanged: the stored table is this split already; nothing written.");
    }
}
