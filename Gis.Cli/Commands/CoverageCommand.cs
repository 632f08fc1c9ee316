using System.CommandLine;
using Gis.Cli.Options;
using Gis.Cli.Output;
using Gis.Core.Hotspots;
using Gis.Importers.Queries.Hotspots;

namespace Gis.Cli.Commands;

/// <summary><c>gis coverage</c>: which Bangkok days the store holds data for, per source and series, gaps included.</summary>
internal static class CoverageCommand
{
    public static Command Create()
    {
        var from = DayOptions.Day("--from", "First Bangkok local day (default: the first day any series covers)");
        var to = DayOptions.Day("--to", "Last Bangkok local day, included (default: the last day any series covers)");
        var province = ProvinceOptions.Province("the coverage is asked for (a pull's box must meet it), or 'all'");
        var format = OutputOptions.Format();
        var command = new Command("coverage", """
            Which Bangkok local days the store holds data for, per source and series (FIRMS satellite and instrument,
            NRT or standard; GISTDA), with the gaps. A day is covered when a file's detections of the series span it, a
            file was declared to cover it ('gis import firms --covers'), or an API pull asked for it inside the
            product's archive. A covered day without detections has zero; a day not covered has no data.
            """)
        {
            from, to, province, format,
        };
        command.SetAction(async (parse, ct) =>
        {
            var provinceCode = ProvinceOptions.ProvinceCode(parse.GetValue(province)!);
            await using var store = await GlobalOptions.OpenStoreAsync(parse, ct);
            var rows = new List<SeriesCoverage>();
            DateOnly? first = parse.GetValue(from), last = parse.GetValue(to);
            foreach (var source in new[] { HotspotSource.Firms, HotspotSource.Gistda })
            {
                var queries = new HotspotCoverage(store, source);
                var extent = await queries.ExtentAsync(ct);
                if (extent is not { } e)
                    continue;
                var (f, l) = (first ?? e.First, last ?? e.Last);
                if (l < f)
                    throw new FormatException($"--to {l:yyyy-MM-dd} is before --from {f:yyyy-MM-dd}.");
                rows.AddRange(await queries.BySeriesAsync(f, l, provinceCode, ct));
            }
            var output = parse.InvocationConfiguration.Output;
            switch (parse.GetValue(format))
            {
                case "json":
                    Json.Write(output, rows.Select(r => new
                    {
                        r.Source,
                        r.Satellite,
                        r.Instrument,
                        Nrt = r.IsNrt,
                        r.Bases,
                        From = CoverageOutput.Day(r.Coverage.Spans[0].From),
                        To = CoverageOutput.Day(r.Coverage.Spans[0].To),
                        Coverage = CoverageOutput.Json(r.Coverage),
                    }));
                    break;
                case "csv":
                    output.WriteLine(Csv.Line("source", "satellite", "instrument", "nrt", "from", "to", "days_with_data", "days", "first",
                        "last", "gaps", "basis"));
                    foreach (var r in rows)
                    {
                        output.WriteLine(Csv.Line(r.Source, r.Satellite, r.Instrument, r.IsNrt ? "true" : "false",
                            CoverageOutput.Day(r.Coverage.Spans[0].From)!, CoverageOutput.Day(r.Coverage.Spans[0].To)!,
                            Numbers.Plain(r.Coverage.DaysWithData), Numbers.Plain(r.Coverage.Days),
                            CoverageOutput.Day(r.Coverage.First) ?? "",
                            CoverageOutput.Day(r.Coverage.Last) ?? "", CoverageOutput.Gaps(r.Coverage), string.Join(";", r.Bases)));
                    }
                    break;
                default:
                    WriteTable(output, rows, provinceCode);
                    break;
            }
            return 0;
        });
        return command;
    }

    private static void WriteTable(TextWriter output, List<SeriesCoverage> rows, string? provinceCode)
    {
        if (rows.Count == 0)
        {
            output.WriteLine("No data stored: no day of any series is covered. Import with 'gis import firms' or 'gis fetch firms'.");
            return;
        }
        output.WriteLine("Days with data per series, Bangkok local days" + (provinceCode is null ? "" : $", province {provinceCode}"));
        output.WriteLine();
        var table = new TextTable("source", "series", "from", "to", "days with data", "covered", "gaps", "basis").AlignRight(4);
        foreach (var r in rows)
        {
            table.Add(r.Source, $"{r.Instrument} {r.Satellite} {(r.IsNrt ? "NRT" : "standard")}",
                CoverageOutput.Day(r.Coverage.Spans[0].From)!,
                CoverageOutput.Day(r.Coverage.Spans[0].To)!, $"{r.Coverage.DaysWithData} of {r.Coverage.Days}",
                r.Coverage.IsEmpty ? "no data" : Core.Time.ThaiCalendar.DaySpan(r.Coverage.First!.Value, r.Coverage.Last!.Value, th: false),
                CoverageOutput.Gaps(r.Coverage), string.Join(",", r.Bases));
        }
        table.WriteTo(output);
    }
}
