using System.CommandLine;
using System.Globalization;
using Gis.Cli.Options;
using Gis.Cli.Output;
using Gis.Core.LandUse;
using Gis.Core.Targets;
using Gis.Core.Units;
using Gis.Importers.Queries.AdminAreas;
using Gis.Importers.Targets;

namespace Gis.Cli.Commands;

/// <summary><c>gis targets green</c>: green-area change per district between two land-use snapshots.</summary>
internal static class GreenTargetsCommand
{
    public static Command Create()
    {
        var from = new Option<int>("--from") { Description = "Earlier land-use snapshot, Buddhist Era year (e.g. 2565)", Required = true };
        var to = new Option<int>("--to") { Description = "Later land-use snapshot, Buddhist Era year (e.g. 2566)", Required = true };
        var year = GreenOptions.Year("--to");
        var province = ProvinceOptions.Province("whose districts are listed, or 'all'");
        var format = OutputOptions.Format();
        var save = SaveOptions.Save("green_target_map");
        var actor = ActorOptions.As();
        var lang = RenderOptions.Lang("the project names in the table and CSV");
        var command = new Command("green", """
            Green-area change per district from snapshot --from to snapshot --to, in rai on the ellipsoid and in
            rai-ngan-wah: gain (green in --to, not green in --from), loss (the reverse) and net (gain - loss), every
            district of the province (zero included), the province total, and the change outside every imported district.
            Beside it: rai added by the year's green/reforestation project polygons (their union, so overlapping projects
            count once; the province line also shows what the projects claim in sum), the district's allocation of the
            provincial target for the year (gis allocate), and the green projects answering for the district.
            Only printed; --save also stores it as a run (view green_target_map).
            """)
        {
            from, to, year, province, format, save, actor, lang,
        };
        command.SetAction(async (parse, ct) =>
        {
            var (first, last) = (parse.GetValue(from), parse.GetValue(to));
            var provinceCode = ProvinceOptions.ProvinceCode(parse.GetValue(province)!);
            await using var store = await GlobalOptions.OpenStoreAsync(parse, ct);
            if (provinceCode is not null)
                await new AdminAreaQueries(store).RequireProvinceAsync(provinceCode, ct);
            var service = new GreenTargetService(store);
            var target = await service.ComputeAsync(first, last, parse.GetValue(year) ?? last, provinceCode, ct);
            var report = target.Change;
            var total = report.Total(provinceCode ?? "", "รวม", "total");
            var output = parse.InvocationConfiguration.Output;
            var english = parse.GetValue(lang) == "en";
            switch (parse.GetValue(format))
            {
                case "json": WriteJson(output, target, total, provinceCode); break;
                case "csv": WriteCsv(output, target, total, provinceCode, english); break;
                default: WriteTable(output, target, total, provinceCode, english); break;
            }
            if (parse.GetValue(save))
            {
                var run = await service.SaveAsync(target, provinceCode, ActorOptions.Who(parse, actor), ct);
                SaveOptions.Report(parse, parse.GetValue(format)!, run, "green_target_map");
            }
            return 0;
        });
        return command;
    }

    private static void WriteTable(TextWriter output, GreenTargetReport target, GreenChange total, string? provinceCode, bool english)
    {
        var report = target.Change;
        output.WriteLine($"Green-area change per district, land-use snapshot {report.FromYear} to {report.ToYear} (BE)"
            + (provinceCode is null ? "" : $", province {provinceCode}") + "; rai on the ellipsoid, and rai-ngan-wah");
        output.WriteLine();
        var table = new TextTable("code", "district", "อำเภอ", "gain rai", "loss rai", "net rai", "net ไร่-งาน-วา",
                $"projects {target.Year} rai", $"allocation {target.Year}", "projects (share of district)")
            .AlignRight(3, 4, 5, 6, 7, 8);
        // A row prints the change's own code and names: the total's are "total"/"รวม", the outside row gets its labels here.
        void Add(GreenChange c, string projectsRai, string allocation, string projects) => table.Add(c.Code, c.NameEn, c.NameTh,
            Areas.Rai(c.GainRai), Areas.Rai(c.LossRai), Areas.Rai(c.NetRai), Rai.ToRaiNganWah(c.NetRai), projectsRai, allocation, projects);
        foreach (var d in report.Districts)
        {
            Add(d, Areas.Rai(target.ProjectsRai.GetValueOrDefault(d.Code)),
                target.Allocation.TryGetValue(d.Code, out var allocated) ? Numbers.Count(allocated) : "-",
                ProjectsOutput.Text(Of(target, d.Code), english, ProjectsOutput.TableNameWidth));
        }
        table.AddSeparator();
        Add(total, Areas.Rai(target.ProjectsRaiUnion), target.Allocation.Count > 0 ? Numbers.Count(target.Allocation.Values.Sum()) : "-",
            ProjectsOutput.Text(target.ProvinceProjects(provinceCode), english, ProjectsOutput.TableNameWidth));
        Add(report.Outside with { Code = "", NameEn = "outside every district", NameTh = "นอกเขตอำเภอ" }, "", "", "");
        table.WriteTo(output);
        var overlap = target.ProjectsRaiClaimed > target.ProjectsRaiUnion + 0.01
            ? $": {Areas.Rai(target.ProjectsRaiClaimed - target.ProjectsRaiUnion)} rai counted twice where project areas overlap."
            : ".";
        output.WriteLine($"Green projects {target.Year}: {Areas.Rai(target.ProjectsRaiUnion)} rai added (union), " +
                         $"{Areas.Rai(target.ProjectsRaiClaimed)} rai claimed in sum" + overlap);
        if (target.Allocation.Count == 0)
            output.WriteLine($"No allocation stored for {target.Year}: run 'gis allocate --year {target.Year}'.");
        if (report.Districts.Count == 0)
            output.WriteLine("No districts imported for this province: run 'gis import boundaries FILE' first.");
    }

    private static void WriteCsv(TextWriter output, GreenTargetReport target, GreenChange total, string? provinceCode, bool english)
    {
        var report = target.Change;
        output.WriteLine(Csv.Line("code", "name_th", "name_en", "gain_rai", "loss_rai", "net_rai",
            "gain_rai_ngan_wah", "loss_rai_ngan_wah", "net_rai_ngan_wah", "projects_rai", "allocation_rai", "projects"));
        foreach (var row in report.Districts.Append(total).Append(report.Outside with { Code = "outside" }))
        {
            var projectsRai = row == total ? target.ProjectsRaiUnion : target.ProjectsRai.GetValueOrDefault(row.Code);
            var allocation = row == total ? (target.Allocation.Count > 0 ? Numbers.Plain(target.Allocation.Values.Sum()) : "")
                : target.Allocation.TryGetValue(row.Code, out var allocated) ? Numbers.Plain(allocated) : "";
            output.WriteLine(Csv.Line(row.Code, row.NameTh, row.NameEn, Areas.Plain(row.GainRai), Areas.Plain(row.LossRai),
                Areas.Plain(row.NetRai), Rai.ToRaiNganWah(row.GainRai), Rai.ToRaiNganWah(row.LossRai), Rai.ToRaiNganWah(row.NetRai),
                Areas.Plain(projectsRai), allocation,
                ProjectsOutput.Text(row == total ? target.ProvinceProjects(provinceCode) : Of(target, row.Code), english)));
        }
    }

    private static IEnumerable<Core.Plans.ProjectResponsibility> Of(GreenTargetReport target, string districtCode) =>
        target.Projects.Where(p => p.DistrictCode == districtCode);

    private static void WriteJson(TextWriter output, GreenTargetReport target, GreenChange total, string? code) => Json.Write(output, new
    {
        From = target.Change.FromYear.ToString(CultureInfo.InvariantCulture),
        To = target.Change.ToYear.ToString(CultureInfo.InvariantCulture),
        target.Year,
        Districts = target.Change.Districts.Select(d => DistrictJson(target, d)),
        // The sum of the districts listed: one province, or every imported district (code null) with --province all.
        Province = new
        {
            Code = total.Code.Length == 0 ? null : total.Code,
            GainRai = Round(total.GainRai),
            LossRai = Round(total.LossRai),
            NetRai = Round(total.NetRai),
            ProjectsRai = Round(target.ProjectsRaiUnion),
            ProjectsRaiClaimed = Round(target.ProjectsRaiClaimed),
            AllocationRai = target.Allocation.Count > 0 ? target.Allocation.Values.Sum() : (int?)null,
            Projects = ProjectsOutput.Json(target.ProvinceProjects(code)),
        },
        Outside = new
        {
            GainRai = Round(target.Change.Outside.GainRai),
            LossRai = Round(target.Change.Outside.LossRai),
            NetRai = Round(target.Change.Outside.NetRai),
        },
    });

    private static object DistrictJson(GreenTargetReport target, GreenChange d) => new
    {
        d.Code,
        d.NameTh,
        d.NameEn,
        GainRai = Round(d.GainRai),
        LossRai = Round(d.LossRai),
        NetRai = Round(d.NetRai),
        NetRaiNganWah = Rai.ToRaiNganWah(d.NetRai),
        ProjectsRai = Round(target.ProjectsRai.GetValueOrDefault(d.Code)),
        AllocationRai = target.Allocation.TryGetValue(d.Code, out var allocated) ? allocated : (int?)null,
        Projects = ProjectsOutput.Json(Of(target, d.Code)),
    };

    // 0.0001 rai = 0.16 m²: far below what the polygons can tell.
    private static double Round(double rai) => Math.Round(rai, 4);
}
