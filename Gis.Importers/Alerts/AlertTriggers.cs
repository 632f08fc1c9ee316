using System.Text.Json.Serialization;
using Gis.Core.Periods;
using Gis.Core.Targets;

namespace Gis.Importers.Alerts;

/// <summary>What can make a rule speak; the names stored in <c>alert_rule.trigger</c> and <c>alert_outbox.kind</c>.</summary>
public static class AlertTriggers
{
    /// <summary>Detections new to the store in the rule's area (ADR 0033).</summary>
    public const string NewDetections = "new-detections";

    /// <summary>The season-to-date count of a province or district above its baseline-to-date.</summary>
    public const string AboveBaseline = "above-baseline";

    /// <summary>The season's run-rate projection of a province or district above its cap.</summary>
    public const string CapRunRate = "cap-run-rate";

    /// <summary>Every day at an hour (Bangkok): yesterday's detections per district, with the map.</summary>
    public const string Digest = "digest";

    /// <summary>The season or fiscal-year report (PDF and XLSX of <c>gis report</c>) on a schedule.</summary>
    public const string Report = "report";

    /// <summary>Every trigger, in the order help lists them.</summary>
    public static readonly IReadOnlyList<string> All = [NewDetections, AboveBaseline, CapRunRate, Digest, Report];

    /// <summary>The triggers evaluated by the import, in its transaction, besides new detections.</summary>
    public static readonly IReadOnlyList<string> Season = [AboveBaseline, CapRunRate];
}

/// <summary>
/// What a season trigger compares: the fire season in progress (1 January to the end of <paramref name="SeasonEndMonth"/>)
/// counted to date against <paramref name="Baseline"/> (<c>previous</c>, <c>mean:N</c>, <c>season:YYYY</c>) over the same
/// days; for the cap, <paramref name="Cap"/> detections in the season, or else the hotspot target: the baseline's whole
/// season x (1 + <paramref name="TargetPercent"/> / 100).
/// </summary>
public sealed record SeasonCheck(
    string Baseline = "previous",
    int SeasonEndMonth = Period.DefaultSeasonEndMonth,
    double? Cap = null,
    double TargetPercent = Reduction.DefaultTargetPercent)
{
    /// <summary>The baseline as the target engine reads it.</summary>
    [JsonIgnore]
    public Baseline ParsedBaseline => Core.Targets.Baseline.Parse(Baseline, ce: false, SeasonEndMonth);
}

/// <summary>When a digest or report is due.</summary>
/// <param name="BangkokHour">The hour (0-23, Asia/Bangkok) from which the day's digest or report is due.</param>
/// <param name="ReportPeriod"><c>season</c> or <c>fiscal</c> (reports only).</param>
/// <param name="ReportEvery"><c>day</c>, <c>week</c> (Mondays), <c>month</c> (the 1st) or <c>end</c> (the day after the
/// period ends) (reports only).</param>
public sealed record AlertSchedule(int BangkokHour, string? ReportPeriod = null, string? ReportEvery = null);
