using System.Globalization;
using System.Text;
using Gis.Core.Time;

namespace Gis.Importers.Alerts;

/// <summary>
/// The message of a season trigger: the season to date in the area against the baseline to date, or its run-rate
/// projection against the cap, each figure with the days it rests on (a day without data is no data, never zero).
/// </summary>
/// <param name="AreaName">The province's or district's name in the rule's language; null when not in the store.</param>
public sealed record SeasonAlert(AlertRule Rule, SeasonFigures Figures, string? AreaName, Uri Link) : AlertMessage(Rule, Link)
{
    /// <inheritdoc/>
    public override string Kind => Figures.Kind;

    private string Area => AreaText(Figures.AreaCode, AreaName);

    /// <summary>"จุดความร้อนสะสมสูงกว่าช่วงฐาน: อำเภอแม่แจ่ม (5004)" / "Season-to-date hotspots above baseline: ...".</summary>
    public override string Subject => (Kind == AlertTriggers.AboveBaseline, Th) switch
    {
        (true, true) => $"จุดความร้อนสะสมสูงกว่าช่วงฐาน: {Area}",
        (true, false) => $"Season-to-date hotspots above baseline: {Area}",
        (false, true) => $"คาดการณ์จุดความร้อนเกินเพดาน: {Area}",
        (false, false) => $"Hotspot run-rate projected above the cap: {Area}",
    };

    /// <summary>The figures and what they rest on.</summary>
    public override string Text
    {
        get
        {
            var f = Figures;
            var text = new StringBuilder(Subject).Append('\n');
            var to = Day(f.AsOf);
            var (day, days, count) = (N(f.ElapsedDays), N(f.Season.Days), N(f.Current.Count));
            text.Append(Th ? $"ฤดูไฟป่า {Year(f.Season)} ถึง {to} (วันที่ {day} จาก {days}): {count} จุด\n"
                : $"Fire season {Year(f.Season)} to {to} (day {day} of {days}): {count} detections\n");
            text.Append("  ").Append(f.Current.Coverage.Describe(Th)).Append('\n');
            if (Kind == AlertTriggers.AboveBaseline || f.RuleCap is null)
            {
                var seasons = string.Join(", ", f.BaselineToDate.Select(Year));
                var mean = f.BaselineToDate.Count > 1 ? Th ? "ค่าเฉลี่ย" : "mean of " : "";
                text.Append(Th ? $"ช่วงฐาน ({mean}ฤดู {seasons}) ช่วงวันเดียวกัน: {Number(f.BaselineToDateCount)} จุด\n"
                    : $"Baseline ({mean}season {seasons}) over the same days: {Number(f.BaselineToDateCount)} detections\n");
                text.Append("  ").Append(f.BaselineToDateCoverage.Describe(Th)).Append('\n');
            }
            if (Kind == AlertTriggers.CapRunRate)
            {
                var (end, projected) = (Day(f.Season.To), Number(f.ProjectedCount));
                text.Append(Th ? $"คาดการณ์ถึงสิ้นฤดู ({end}): {count} / {day} วัน x {days} วัน = {projected} จุด\n"
                    : $"Run-rate to the season's end ({end}): {count} / {day} days x {days} days = {projected}\n");
                var cap = Number(f.Cap ?? 0);
                if (f.RuleCap is not null)
                {
                    text.Append(Th ? $"เพดาน: {cap} จุด (กำหนดในกฎ)\n" : $"Cap: {cap} detections (set in the rule)\n");
                }
                else
                {
                    var target = f.TargetPercent.ToString("+0.#;-0.#", CultureInfo.InvariantCulture);
                    var whole = string.Join(", ", f.BaselineWhole.Select(Year));
                    text.Append(Th ? $"เพดาน: {cap} จุด = ทั้งฤดู {whole} {Number(f.BaselineWholeCount ?? 0)} จุด x (1 {target} %)\n"
                        : $"Cap: {cap} detections = the whole season {whole}, {Number(f.BaselineWholeCount ?? 0)}, x (1 {target} %)\n");
                }
            }
            text.Append(Th ? "ข้อมูล: NASA FIRMS ทุกดาวเทียม ไม่นับข้อมูล NRT ที่ถูกแทนที่\n"
                : "Source: NASA FIRMS, every satellite, NRT replaced by standard data not counted\n");
            return text.Append(LinkLine).ToString();
        }
    }

    /// <summary>The figures as queued, and the cap and projection they make.</summary>
    internal override IEnumerable<KeyValuePair<string, object?>> JsonFields(IReadOnlyList<AlertAttachment> attachments) =>
        new Dictionary<string, object?>
        {
            ["area"] = Figures.AreaCode,
            ["areaName"] = AreaName,
            ["figures"] = Figures,
            ["baselineToDate"] = Figures.BaselineToDateCount,
            ["cap"] = Kind == AlertTriggers.CapRunRate ? Figures.Cap : null,
            ["projected"] = Kind == AlertTriggers.CapRunRate ? Figures.ProjectedCount : null,
        };

    private string Day(DateOnly day) => ThaiCalendar.DaySpan(day, day, Th);

    private static string Year(SeasonSpan span) => span.Label.Replace("season:", "", StringComparison.Ordinal);

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Number(double n) => n.ToString("#,0.#", CultureInfo.InvariantCulture);
}
