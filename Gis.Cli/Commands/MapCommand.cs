using System.CommandLine;
using System.Globalization;
using Gis.Cli.Options;
using Gis.Core.Admin;
using Gis.Core.Time;
using Gis.Rendering.Maps;

namespace Gis.Cli.Commands;

/// <summary><c>gis map</c>: one map page of districts, hotspots or a target theme, to PNG, PDF or SVG.</summary>
internal static class MapCommand
{
    public static Command Create()
    {
        var layers = new Option<string>("--layers")
        {
            Description = "Layers drawn, comma-separated: districts, hotspots (points by confidence), heat (their density per 100 km²)",
            DefaultValueFactory = _ => "districts",
        };
        var theme = new Option<string>("--theme")
        {
            Description = "hotspots (points by confidence), reduction (met / not-met per district) or green (net green rai vs allocation)",
            DefaultValueFactory = _ => "hotspots",
        };
        theme.AcceptOnlyFromAmong("hotspots", "reduction", "green");
        var periodOptions = new PeriodOptions("The period of the hotspots and of the reduction verdict");
        var baseline = PeriodOptions.Baseline(onlyWith: "--theme reduction");
        var district = new Option<string?>("--district")
        {
            Description = "One district (DOPA code, e.g. 5010) instead of the whole province",
        };
        var province = ProvinceOptions.Province("whose districts are drawn");
        var size = new Option<string>("--size")
        {
            Description = "Paper: a4-landscape, a4-portrait, a3-landscape, a3-portrait or WxH in mm",
            DefaultValueFactory = _ => "a4-landscape",
        };
        var dpi = new Option<int>("--dpi") { Description = "Resolution of a PNG (dots per inch)", DefaultValueFactory = _ => 150 };
        var lang = RenderOptions.Lang("labels and texts");
        var greenFrom = GreenOptions.From(onlyWith: "--theme green");
        var greenTo = GreenOptions.To(onlyWith: "--theme green");
        var year = GreenOptions.Year("--green-to", onlyWith: "--theme green");
        var author = RenderOptions.Author("map", "in the margin");
        var output = RenderOptions.Out(".png, .pdf or .svg");
        // For --theme reduction: the verdicts of 'gis targets hotspots' with the same targets.
        var targetOptions = new TargetOptions();
        var series = new HotspotOptions();

        var command = new Command("map", """
            One map page: title, the districts with their names (Thai or English), the theme, a legend of exactly the
            classes drawn, a scale bar, a north arrow, sources, the coordinate system (WGS 84 / UTM 47N), the period (BE)
            and the date made. PNG, PDF (fonts embedded) or SVG by the --out extension; Thai text is shaped (HarfBuzz).
            """)
        {
            layers, theme, periodOptions.Period, baseline, district, province, size, dpi, lang, greenFrom, greenTo, year, author, output,
            periodOptions.Ce, periodOptions.SeasonEndMonth,
        };
        foreach (var option in targetOptions.All.Concat(series.All))
            command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(output)!;
            MapExporter.FormatOf(path);
            var page = PageSize.Parse(parse.GetValue(size)!);
            var layerNames = parse.GetValue(layers)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (layerNames.FirstOrDefault(l => l is not ("districts" or "hotspots" or "heat")) is { } unknown)
                throw new FormatException($"--layers: unknown layer '{unknown}' (districts, hotspots, heat).");
            var heat = layerNames.Contains("heat");
            if (heat && layerNames.Contains("hotspots"))
                throw new FormatException("--layers: hotspots or heat, not both (the same detections as points or as their density).");
            var themeValue = parse.GetValue(theme) switch
            {
                "reduction" => MapTheme.Reduction,
                "green" => MapTheme.Green,
                _ => MapTheme.Hotspots,
            };
            if (themeValue == MapTheme.Green && (parse.GetValue(greenFrom) is null || parse.GetValue(greenTo) is null))
                throw new FormatException("--theme green needs --green-from and --green-to (land-use snapshots, BE).");
            var districtCode = parse.GetValue(district) is { } d ? DopaCode.Normalize(d) : null;
            var request = new MapRequest(
                themeValue,
                parse.GetValue(periodOptions.Period)!,
                periodOptions.ReadBaseline(parse, baseline),
                DopaCode.Normalize(parse.GetValue(province)!),
                districtCode,
                layerNames.Contains("hotspots") || heat,
                parse.GetValue(lang)!,
                Bangkok.LocalDay(DateTime.UtcNow),
                parse.GetValue(greenFrom),
                parse.GetValue(greenTo),
                parse.GetValue(year),
                parse.GetValue(author),
                Filter: series.Filter(parse),
                Targets: targetOptions.Settings(parse),
                HeatMap: heat);

            var (run, model) = await RenderRun.LoadAsync(parse, store => new MapDataLoader(store).LoadAsync(request, ct), ct);
            using var _ = run;
            MapExporter.Export(model, page, parse.GetValue(dpi), path, run.Fonts);
            var legend = string.Join(", ", model.Legend.Select(e => e.Key));
            await parse.InvocationConfiguration.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Wrote {path}: {model.Districts.Count} districts, {model.Hotspots.Count} hotspots, legend: {legend}") + run.Timing());
            return 0;
        });
        return command;
    }
}
