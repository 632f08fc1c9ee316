using System.Globalization;
using Gis.Core.Targets;
using Gis.Rendering.Maps;

namespace Gis.Rendering.Reports;

/// <summary>
/// How the report prints numbers and verdicts: the forms of the <c>gis targets</c> tables (invariant culture,
/// thousands separators, rai with two decimals, signed change %), so a reader can match them line by line.
/// </summary>
public static class ReportFormat
{
    /// <summary>A count: 1,234.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A baseline: whole when whole, else one decimal (a mean of periods may be fractional).</summary>
    public static string Baseline(double value) => value.ToString(value == Math.Floor(value) ? "N0" : "N1", CultureInfo.InvariantCulture);

    /// <summary>A change or target in %, signed, one decimal: +12.5, -5.0; "-" when there is none.</summary>
    public static string Percent(double? value) => value is { } v ? v.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) : "-";

    /// <summary>Rai with two decimals: 1,234.56.</summary>
    public static string Rai(double rai) => rai.ToString("N2", CultureInfo.InvariantCulture);

    /// <summary>The reduction verdict in words.</summary>
    public static string Status(TargetStatus status, bool th) => (status, th) switch
    {
        (TargetStatus.Met, true) => "บรรลุ",
        (TargetStatus.NotMet, true) => "ไม่บรรลุ",
        (TargetStatus.Incomplete, true) => "ข้อมูลไม่ครบ",
        (_, true) => "ไม่มีฐาน",
        (TargetStatus.Met, false) => "met",
        (TargetStatus.NotMet, false) => "not met",
        (TargetStatus.Incomplete, false) => "incomplete",
        _ => "no baseline",
    };

    /// <summary>The colour the maps give the verdict.</summary>
    public static MapColor StatusColor(TargetStatus status) => MapStyles.ClassFill(Reduction.Code(status));

    /// <summary>The green verdict in words, from the map's green class (<see cref="DistrictReport.GreenClass"/>).</summary>
    public static string GreenStatus(string? greenClass, bool th) => (greenClass, th) switch
    {
        (null, _) => "-",
        ("green-met", true) => "ถึงเป้า",
        ("green-met", false) => "reached",
        ("zero-allocation", true) => "เป้า 0 ไร่",
        ("zero-allocation", false) => "0 rai",
        ("no-allocation", true) => "ไม่มีเป้า",
        ("no-allocation", false) => "no target",
        (_, true) => "ยังไม่ถึง",
        _ => "not reached",
    };

    /// <summary>The colour the green map gives the class.</summary>
    public static MapColor GreenColor(string? greenClass) => MapStyles.ClassFill(greenClass ?? "no-allocation");
}
