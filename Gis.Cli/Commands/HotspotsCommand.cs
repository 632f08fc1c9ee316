using System.CommandLine;
using Gis.Cli.Options;
using Gis.Cli.Output;
using Gis.Core.Hotspots;
using Gis.Core.Periods;
using Gis.Core.Time;
using Gis.Importers.Queries.AdminAreas;
using Gis.Importers.Queries.Hotspots;

namespace Gis.Cli.Commands;

/// <summary><c>gis hotspots</c>: detections per district for a range of Bangkok local days.</summary>
internal static class HotspotsCommand
{
    public static Command Create()
    {
        var from = DayOptions.Day("--from", "First Bangkok local day, yyyy-MM-dd (a year of 2400 or more is read as BE)", required: true);
        var to = DayOptions.Day("--to", "Last Bangkok local day (included), yyyy-MM-dd", required: true);
        var province = ProvinceOptions.Province("whose districts are listed, or 'all'");
        var format = OutputOptions.Format();

        var command = new Command("hotspots", """
            Hotspot count per district for the local (Asia/Bangkok) days from --from to --to: every district of the
            province (zero included), plus the detections that lie in no imported district ('outside').
            """)
        {
            from, to, province, format,
        };
        command.SetAction(async (parse, ct) =>
        {
            var (first, last) = (parse.GetValue(from)!.Value, parse.GetValue(to)!.Value);
            if (last < first)
                throw new FormatException($"--to {last:yyyy-MM-dd} is before --from {first:yyyy-MM-dd}.");
            var provinceCode = ProvinceOptions.ProvinceCode(parse.GetValue(province)!);

            await using var store = await GlobalOptions.OpenStoreAsync(parse, ct);
            if (provinceCode is not null)
                await new AdminAreaQueries(store).RequireProvinceAsync(provinceCode, ct);
            var report = await new HotspotCounts(store).ByDistrictAsync(first, last, provinceCode, ct);
            // Every series, as the count: gis hotspots takes no filter.
            var coverage = await new HotspotCoverage(store).OfPeriodAsync(Period.Dates(first, last), new HotspotFilter(Instrument: null),
                provinceCode, ct);
            var output = parse.InvocationConfiguration.Output;
            switch (parse.GetValue(format))
            {
                case "json": WriteJson(output, report, coverage); break;
                case "csv": WriteCsv(output, report); break;
                default: WriteTable(output, report, provinceCode, coverage); break;
            }
            return 0;
        });
        return command;
    }

    private static void WriteTable(TextWriter output, HotspotCountReport report, string? provinceCode, Coverage coverage)
    {
        var laterYear = report.From.Year != report.To.Year ? "-" + ThaiCalendar.BuddhistYear(report.To) : "";
        output.WriteLine($"Hotspots per district, Bangkok days {report.From:yyyy-MM-dd} to {report.To:yyyy-MM-dd} " +
                         $"(BE {ThaiCalendar.BuddhistYear(report.From)}{laterYear})" +
                         (provinceCode is null ? "" : $", province {provinceCode}"));
        output.WriteLine();
        var table = new TextTable("code", "district", "อำเภอ", "hotspots").AlignRight(3);
        foreach (var d in report.Districts)
            table.Add(d.Code, d.NameEn, d.NameTh, Numbers.Count(d.Count));
        table.AddSeparator();
        table.Add("", "total", "รวม", Numbers.Count(report.Total));
        table.Add("", "outside every district", "นอกเขตอำเภอ", Numbers.Count(report.Outside));
        table.WriteTo(output);
        output.WriteLine($"Coverage: {coverage.Describe(th: false)}"
                         + (coverage.IsComplete ? "" : $"; no data on {CoverageOutput.Gaps(coverage)}"));
        if (report.Districts.Count == 0)
            output.WriteLine("No districts imported for this province: run 'gis import boundaries FILE' first.");
    }

    private static void WriteCsv(TextWriter output, HotspotCountReport report)
    {
        output.WriteLine(Csv.Line("code", "name_th", "name_en", "count"));
        foreach (var d in report.Districts)
            output.WriteLine(Csv.Line(d.Code, d.NameTh, d.NameEn, Numbers.Plain(d.Count)));
        output.WriteLine(Csv.Line("outside", "", "", Numbers.Plain(report.Outside)));
    }

    private static void WriteJson(TextWriter output, HotspotCountReport report, Coverage coverage) => Json.Write(output, new
    {
        From = report.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        To = report.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Districts = report.Districts.Select(d => new { d.Code, d.NameTh, d.NameEn, d.Count }),
        report.Outside,
        Coverage = CoverageOutput.Pair(coverage, null),
    });
}
