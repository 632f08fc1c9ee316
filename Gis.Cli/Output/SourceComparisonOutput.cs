using System.Globalization;
using Gis.Core.Hotspots;
using Gis.Core.Targets;

namespace Gis.Cli.Output;

/// <summary><c>gis targets hotspots --compare</c>: two sources' counts per district and land class, as text, CSV and JSON.</summary>
internal static class SourceComparisonOutput
{
    public static void WriteTable(TextWriter output, HotspotSourceComparison c)
    {
        var (ours, theirs) = (HotspotSources.Code(c.Ours), HotspotSources.Code(c.Theirs));
        output.WriteLine($"Hotspot detections, {c.Period.Label} ({c.Period.From:yyyy-MM-dd} to {c.Period.To:yyyy-MM-dd}): " +
                         $"{ours} next to {theirs}");
        output.WriteLine();
        var table = new TextTable(["code", "district", "อำเภอ", "land class", ours, theirs, $"{theirs} - {ours}"]).AlignRight(4, 5, 6);
        string? last = null;
        foreach (var row in c.Rows)
        {
            if (last is not null && row.Code != last)
                table.AddSeparator();
            last = row.Code;
            table.Add(row.Code, row.NameEn, row.NameTh, row.LandClass, Numbers.Count(row.Ours), Numbers.Count(row.Theirs),
                row.Difference.ToString("+#,0;-#,0;0", CultureInfo.InvariantCulture));
        }
        table.WriteTo(output);
        foreach (var warning in c.Warnings)
            output.WriteLine("Note: " + warning);
    }

    public static void WriteCsv(TextWriter output, HotspotSourceComparison c)
    {
        output.WriteLine(Csv.Line("code", "name_th", "name_en", "land_class", HotspotSources.Code(c.Ours), HotspotSources.Code(c.Theirs),
            "difference"));
        foreach (var r in c.Rows)
            output.WriteLine(Csv.Line(r.Code, r.NameTh, r.NameEn, r.LandClass, Numbers.Plain(r.Ours), Numbers.Plain(r.Theirs),
                Numbers.Plain(r.Difference)));
    }

    public static void WriteJson(TextWriter output, HotspotSourceComparison c) => Json.Write(output, new
    {
        Period = c.Period.Label,
        From = c.Period.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        To = c.Period.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Ours = HotspotSources.Code(c.Ours),
        Theirs = HotspotSources.Code(c.Theirs),
        Rows = c.Rows.Select(r => new { r.Code, r.NameTh, r.NameEn, r.LandClass, r.Ours, r.Theirs, r.Difference }),
        c.Warnings,
    });
}
