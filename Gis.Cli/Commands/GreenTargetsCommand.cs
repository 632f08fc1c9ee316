using System.CommandLine;
using System.Globalization;
using Gis.Cli.Output;
using Gis.Core.LandUse;
using Gis.Core.Units;
using Gis.Importers.Store;

namespace Gis.Cli.Commands;

/// <summary><c>gis targets green</c>: green-area change per district between two land-use snapshots.</summary>
internal static class GreenTargetsCommand
{
    public static Command Create()
    {
        var from = new Option<int>("--from") { Description = "Earlier land-use snapshot, Buddhist Era year (e.g. 2565)", Required = true };
        var to = new Option<int>("--to") { Description = "Later land-use snapshot, Buddhist Era year (e.g. 2566)", Required = true };
        var province = ReportOptions.Province();
        var format = ReportOptions.Format();
        var command = new Command("green", """
            Green-area change per district from snapshot --from to snapshot --to, in rai on the ellipsoid and in
            rai-ngan-wah: gain (green in --to, not green in --from), loss (the reverse) and net (gain - loss), every
            district of the province (zero included), the province total, and the change outside every imported district.
            """)
        {
            from, to, province, format,
        };
        command.SetAction(async (parse, ct) =>
        {
            var (first, last) = (parse.GetValue(from), parse.GetValue(to));
            var provinceCode = ReportOptions.ProvinceCode(parse.GetValue(province)!);
            await using var store = await GlobalOptions.OpenStoreAsync(parse, ct);
            var report = await new GreenChangeQueries(store).ChangeByDistrictAsync(first, last, provinceCode, ct);
            var total = report.Total(provinceCode ?? "", "รวม", "total");
            var output = parse.InvocationConfiguration.Output;
            switch (parse.GetValue(format))
            {
                case "json": WriteJson(output, report, total); break;
                case "csv": WriteCsv(output, report, total); break;
                default: WriteTable(output, report, total, provinceCode); break;
            }
            return 0;
        });
        return command;
    }

    private static void WriteTable(TextWriter output, GreenChangeReport report, GreenChange total, string? provinceCode)
    {
        output.WriteLine($"Green-area change per district, land-use snapshot {report.FromYear} to {report.ToYear} (BE)"
            + (provinceCode is null ? "" : $", province {provinceCode}") + "; rai on the ellipsoid, and rai-ngan-wah");
        output.WriteLine();
        var table = new TextTable("code", "district", "อำเภอ", "gain rai", "gain ไร่-งาน-วา", "loss rai", "loss ไร่-งาน-วา", "net rai", "net ไร่-งาน-วา")
            .AlignRight(3, 4, 5, 6, 7, 8);
        void Add(GreenChange c, string code, string nameEn, string nameTh) => table.Add(code, nameEn, nameTh,
            Areas.Rai(c.GainRai), Rai.ToRaiNganWah(c.GainRai), Areas.Rai(c.LossRai), Rai.ToRaiNganWah(c.LossRai),
            Areas.Rai(c.NetRai), Rai.ToRaiNganWah(c.NetRai));
        foreach (var d in report.Districts)
            Add(d, d.Code, d.NameEn, d.NameTh);
        table.AddSeparator();
        Add(total, provinceCode ?? "", "total", "รวม");
        Add(report.Outside, "", "outside every district", "นอกเขตอำเภอ");
        table.WriteTo(output);
        if (report.Districts.Count == 0)
            output.WriteLine("No districts imported for this province: run 'gis import boundaries FILE' first.");
    }

    private static void WriteCsv(TextWriter output, GreenChangeReport report, GreenChange total)
    {
        output.WriteLine(Csv.Line("code", "name_th", "name_en", "gain_rai", "loss_rai", "net_rai",
            "gain_rai_ngan_wah", "loss_rai_ngan_wah", "net_rai_ngan_wah"));
        foreach (var row in report.Districts.Append(total).Append(report.Outside with { Code = "outside" }))
        {
            output.WriteLine(Csv.Line(row.Code, row.NameTh, row.NameEn, Areas.Plain(row.GainRai), Areas.Plain(row.LossRai),
                Areas.Plain(row.NetRai), Rai.ToRaiNganWah(row.GainRai), Rai.ToRaiNganWah(row.LossRai), Rai.ToRaiNganWah(row.NetRai)));
        }
    }

    private static void WriteJson(TextWriter output, GreenChangeReport report, GreenChange total) => Json.Write(output, new
    {
        From = report.FromYear.ToString(CultureInfo.InvariantCulture),
        To = report.ToYear.ToString(CultureInfo.InvariantCulture),
        Districts = report.Districts.Select(DistrictJson),
        // The sum of the districts listed: one province, or every imported district (code null) with --province all.
        Province = new { Code = total.Code.Length == 0 ? null : total.Code, GainRai = Round(total.GainRai), LossRai = Round(total.LossRai), NetRai = Round(total.NetRai) },
        Outside = new { GainRai = Round(report.Outside.GainRai), LossRai = Round(report.Outside.LossRai), NetRai = Round(report.Outside.NetRai) },
    });

    // One district's JSON object. Further per-district figures of the target engine (rai of green projects,
    // the allocated share of the provincial target) belong here, keyed by the same district code, once computed.
    private static object DistrictJson(GreenChange d) => new
    {
        d.Code,
        d.NameTh,
        d.NameEn,
        GainRai = Round(d.GainRai),
        LossRai = Round(d.LossRai),
        NetRai = Round(d.NetRai),
    };

    // 0.0001 rai = 0.16 m²: far below what the polygons can tell.
    private static double Round(double rai) => Math.Round(rai, 4);
}
