using System.CommandLine;
using Gis.Cli.Options;
using Gis.Cli.Output;
using Gis.Core.Hotspots;
using Gis.Core.Targets;
using Gis.Core.Time;
using Gis.Importers.Targets;

namespace Gis.Cli.Commands;

/// <summary><c>gis targets hotspots</c>: the plan's two targets per district.</summary>
internal static class TargetsCommand
{
    public static Command Create()
    {
        var targets = new Command("targets", "The plan's targets per district: hotspot reduction and green-area addition");
        targets.Subcommands.Add(Hotspots());
        targets.Subcommands.Add(GreenTargetsCommand.Create());
        return targets;
    }

    private static Command Hotspots()
    {
        var periodOptions = new PeriodOptions("The period to judge");
        var baseline = PeriodOptions.Baseline();
        var targetOptions = new TargetOptions();
        var count = new Option<string>("--count")
        {
            Description = "detections, or events (same local day within 375 m, across sensors, count once)",
            DefaultValueFactory = _ => "detections",
        };
        count.AcceptOnlyFromAmong("detections", "events");
        var province = ProvinceOptions.Province("whose districts are judged, or 'all' (every district, province rows and a national row)");
        var series = new HotspotOptions();
        var confidence = new Option<string?>("--confidence") { Description = "Only these confidence classes, comma-separated: l, n, h" };
        var dayNight = new Option<string?>("--daynight") { Description = "Only day (D) or night (N) detections" };
        var type = new Option<string?>("--type")
        {
            Description = "Only these FIRMS types, comma-separated (0 vegetation, 1 volcano, 2 static land source, 3 offshore)",
        };
        var asOf = new Option<DateOnly?>("--as-of")
        {
            Description = "Day the cap run-rate counts to (default: today in Bangkok)",
            CustomParser = r => ThaiCalendar.ParseDate(r.Tokens.Single().Value),
        };
        var source = new Option<string>("--source")
        {
            Description = "Whose detections: firms, or gistda (GISTDA's records and land classes)",
            DefaultValueFactory = _ => "firms",
        };
        source.AcceptOnlyFromAmong("firms", "gistda");
        var compare = new Option<string?>("--compare")
        {
            Description = "Instead of the targets: per district and land class, --source's counts next to this source's (firms or gistda)",
        };
        compare.AcceptOnlyFromAmong("firms", "gistda");
        var format = OutputOptions.Format();
        var save = SaveOptions.Save("hotspot_target_map");
        var actor = ActorOptions.As();
        var lang = RenderOptions.Lang("the project names in the table and CSV");

        var command = new Command("hotspots", """
            Hotspot reduction per district: count in the period, baseline, change % = (count - baseline) / baseline x 100,
            the target, and the verdict met / not-met / no-baseline (baseline 0). With caps: % of cap used and the
            run-rate projection to the period's end. Only printed; --save also stores it as a run (view hotspot_target_map).
            """)
        {
            periodOptions.Period, baseline, count, province, series.Instrument, series.Satellite, confidence, dayNight, type, asOf,
            periodOptions.Ce, periodOptions.SeasonEndMonth, source, compare, format, save, actor, lang,
        };
        foreach (var option in targetOptions.All)
            command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            var settings = targetOptions.Settings(parse);

            var provinceCode = ProvinceOptions.ProvinceCode(parse.GetValue(province)!);
            if (provinceCode is null && parse.GetValue(compare) is not null)
                throw new FormatException("--compare is made for one province: name it with --province (not 'all').");
            var request = new HotspotTargetRequest(
                parse.GetValue(periodOptions.Period)!,
                periodOptions.ReadBaseline(parse, baseline),
                provinceCode,
                series.Filter(parse, parse.GetValue(confidence), parse.GetValue(dayNight), parse.GetValue(type)),
                parse.GetValue(count) == "events" ? CountMode.Events : CountMode.Detections,
                settings,
                parse.GetValue(asOf) ?? Bangkok.LocalDay(DateTime.UtcNow),
                HotspotSources.Parse(parse.GetValue(source)!));

            await using var store = await GlobalOptions.OpenStoreAsync(parse, ct);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(compare) is { } other)
            {
                var comparison = await new HotspotTargetService(store).CompareAsync(request, HotspotSources.Parse(other), ct);
                switch (parse.GetValue(format))
                {
                    case "json": SourceComparisonOutput.WriteJson(output, comparison); break;
                    case "csv": SourceComparisonOutput.WriteCsv(output, comparison); break;
                    default: SourceComparisonOutput.WriteTable(output, comparison); break;
                }
                return 0;
            }
            var service = new HotspotTargetService(store);
            var written = parse.GetValue(format)!;
            void Write(Action<TextWriter> json, Action<TextWriter> csv, Action<TextWriter> table) =>
                (written switch { "json" => json, "csv" => csv, _ => table })(output);
            var english = parse.GetValue(lang) == "en";
            long? run = null;
            if (provinceCode is null)
            {
                var all = await service.ComputeAllAsync(request, ct);
                Write(o => HotspotTargetsOutput.WriteJson(o, all), o => HotspotTargetsOutput.WriteCsv(o, all, english),
                    o => HotspotTargetsOutput.WriteTable(o, all, english));
                if (parse.GetValue(save))
                    run = await service.SaveAsync(request, all, ActorOptions.Who(parse, actor), ct);
            }
            else
            {
                var report = await service.ComputeAsync(request, ct);
                Write(o => HotspotTargetsOutput.WriteJson(o, report), o => HotspotTargetsOutput.WriteCsv(o, report, english),
                    o => HotspotTargetsOutput.WriteTable(o, report, english));
                if (parse.GetValue(save))
                    run = await service.SaveAsync(request, report, ActorOptions.Who(parse, actor), ct);
            }
            if (run is { } id)
                SaveOptions.Report(parse, written, id, "hotspot_target_map");
            return 0;
        });
        return command;
    }
}
