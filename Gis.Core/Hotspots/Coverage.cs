using System.Globalization;
using Gis.Core.Time;

namespace Gis.Core.Hotspots;

/// <summary>
/// Which Bangkok local days of one or more spans the store holds data for, for the series a count reads (ADR 0015). A
/// covered day without a detection is a day with zero detections; a day not covered is "no data", never zero.
/// </summary>
/// <param name="Spans">The spans asked about (one period, or the periods of a mean baseline), days inclusive.</param>
/// <param name="CoveredDays">The covered days inside the spans, ascending, each once.</param>
public sealed record Coverage(IReadOnlyList<(DateOnly From, DateOnly To)> Spans, IReadOnlyList<DateOnly> CoveredDays)
{
    /// <summary>Coverage of one span.</summary>
    public static Coverage Of(DateOnly from, DateOnly to, IEnumerable<DateOnly> coveredDays) =>
        new([(from, to)], coveredDays.Where(d => d >= from && d <= to).Distinct().Order().ToList());

    /// <summary>The days of the spans (a day in two spans counts twice, as a mean baseline counts it twice).</summary>
    public int Days => Spans.Sum(s => s.To.DayNumber - s.From.DayNumber + 1);

    /// <summary>Days of the spans the store holds data for.</summary>
    public int DaysWithData => Spans.Sum(s => CoveredDays.Count(d => d >= s.From && d <= s.To));

    /// <summary>First covered day; null when none.</summary>
    public DateOnly? First => CoveredDays.Count == 0 ? null : CoveredDays[0];

    /// <summary>Last covered day; null when none.</summary>
    public DateOnly? Last => CoveredDays.Count == 0 ? null : CoveredDays[^1];

    /// <summary>
    /// Complete: every day of every span covered. Only a complete period (or, for a season in progress, a complete
    /// part up to the day asked) is judged met or not-met (docs/targets.md).
    /// </summary>
    public bool IsComplete => DaysWithData == Days;

    /// <summary>Not one day covered: the figures of these spans are "no data".</summary>
    public bool IsEmpty => CoveredDays.Count == 0;

    /// <summary>The runs of uncovered days inside the spans, in order.</summary>
    public IReadOnlyList<(DateOnly From, DateOnly To)> Gaps
    {
        get
        {
            var covered = CoveredDays.ToHashSet();
            var gaps = new List<(DateOnly, DateOnly)>();
            foreach (var (from, to) in Spans)
            {
                DateOnly? start = null;
                for (var d = from; d <= to; d = d.AddDays(1))
                {
                    if (!covered.Contains(d))
                    {
                        start ??= d;
                    }
                    else if (start is { } s)
                    {
                        gaps.Add((s, d.AddDays(-1)));
                        start = null;
                    }
                }
                if (start is { } open)
                    gaps.Add((open, to));
            }
            return gaps;
        }
    }

    /// <summary>The part of each span up to its <paramref name="days"/>-th day (the same days of the season, "to date").</summary>
    public Coverage FirstDays(int days)
    {
        var spans = Spans.Select(s => (s.From, To: s.From.AddDays(days - 1) < s.To ? s.From.AddDays(days - 1) : s.To)).ToList();
        return new Coverage(spans, CoveredDays.Where(d => spans.Any(s => d >= s.From && d <= s.To)).ToList());
    }

    /// <summary>Union of several coverages (the periods of a mean baseline).</summary>
    public static Coverage Combine(IEnumerable<Coverage> parts)
    {
        var list = parts.ToList();
        return new Coverage(list.SelectMany(c => c.Spans).ToList(), list.SelectMany(c => c.CoveredDays).Distinct().Order().ToList());
    }

    /// <summary>"data on 32 of 151 days, 25 Mar-18 May 2569" / "มีข้อมูล 32 จาก 151 วัน (25 มี.ค.-18 พ.ค. 2569)"; "no data".</summary>
    public string Describe(bool th)
    {
        var days = Days.ToString(CultureInfo.InvariantCulture);
        if (IsEmpty)
            return th ? $"ไม่มีข้อมูล (0 จาก {days} วัน)" : $"no data (0 of {days} days)";
        var span = ThaiCalendar.DaySpan(First!.Value, Last!.Value, th);
        var with = DaysWithData.ToString(CultureInfo.InvariantCulture);
        return th ? $"มีข้อมูล {with} จาก {days} วัน ({span})" : $"data on {with} of {days} days, {span}";
    }

    /// <inheritdoc/>
    public override string ToString() => Describe(th: false);
}
