using System.Globalization;
using Gis.Core.Time;

namespace Gis.Core.Periods;

/// <summary>How a <see cref="Period"/> was named; decides what "the previous period" is.</summary>
public enum PeriodKind
{
    /// <summary>Fire season: 1 January to the end of the season's last month (May by default), local days.</summary>
    Season,

    /// <summary>Thai fiscal year N: 1 October of N-1 to 30 September of N.</summary>
    Fiscal,

    /// <summary>Calendar year.</summary>
    Year,

    /// <summary>Explicit first and last day.</summary>
    Dates,
}

/// <summary>
/// A range of Bangkok local days, both ends included, with the name users give it: <c>season:2569</c>,
/// <c>fiscal:2569</c>, <c>year:2569</c> (Buddhist Era years) or <c>2026-01-01..2026-05-31</c>.
/// </summary>
/// <param name="Year">The BE year of a season, fiscal or calendar year; null for explicit dates.</param>
/// <param name="SeasonEndMonth">Last month of a fire season (5 = May; some provinces count to April).</param>
public sealed record Period(PeriodKind Kind, int? Year, DateOnly From, DateOnly To, int SeasonEndMonth = Period.DefaultSeasonEndMonth)
{
    /// <summary>The official fire-season window ends with May.</summary>
    public const int DefaultSeasonEndMonth = 5;

    /// <summary>Fire season of BE year <paramref name="beYear"/>: 1 Jan to the last day of <paramref name="endMonth"/>.</summary>
    public static Period Season(int beYear, int endMonth = DefaultSeasonEndMonth)
    {
        if (endMonth is < 1 or > 12)
            throw new ArgumentOutOfRangeException(nameof(endMonth), endMonth, "The season's last month is 1-12.");
        var ce = beYear - ThaiCalendar.BuddhistEraOffset;
        return new(PeriodKind.Season, beYear, new DateOnly(ce, 1, 1), new DateOnly(ce, endMonth, DateTime.DaysInMonth(ce, endMonth)),
            endMonth);
    }

    /// <summary>Thai fiscal year <paramref name="beYear"/>: 1 Oct of the year before to 30 Sep.</summary>
    public static Period Fiscal(int beYear)
    {
        var ce = beYear - ThaiCalendar.BuddhistEraOffset;
        return new(PeriodKind.Fiscal, beYear, new DateOnly(ce - 1, 10, 1), new DateOnly(ce, 9, 30));
    }

    /// <summary>Calendar year <paramref name="beYear"/> (BE).</summary>
    public static Period CalendarYear(int beYear)
    {
        var ce = beYear - ThaiCalendar.BuddhistEraOffset;
        return new(PeriodKind.Year, beYear, new DateOnly(ce, 1, 1), new DateOnly(ce, 12, 31));
    }

    public static Period Dates(DateOnly from, DateOnly to) =>
        to < from ? throw new FormatException($"the period ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).")
            : new(PeriodKind.Dates, null, from, to);

    /// <summary>
    /// Reads <c>season:2569</c>, <c>fiscal:2569</c>, <c>year:2569</c> or <c>FROM..TO</c> (yyyy-MM-dd). Years are BE
    /// unless <paramref name="ce"/> says they are CE (<c>--ce</c>); dates follow <see cref="ThaiCalendar.ParseDate"/>.
    /// </summary>
    /// <exception cref="FormatException">The text names no period; the message shows the accepted forms.</exception>
    public static Period Parse(string text, bool ce = false, int seasonEndMonth = DefaultSeasonEndMonth)
    {
        var t = text.Trim();
        var range = t.Split("..");
        if (range.Length == 2)
            return Dates(ThaiCalendar.ParseDate(range[0]), ThaiCalendar.ParseDate(range[1]));

        var parts = t.Split(':');
        if (parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            var be = ce ? year + ThaiCalendar.BuddhistEraOffset : year;
            if (be is < 2400 or > 2700)
                throw new FormatException($"'{text}': {year} is not a {(ce ? "CE" : "Buddhist Era")} year"
                    + (ce ? "" : " (write BE, e.g. 2569, or give --ce)") + ".");
            switch (parts[0].ToLowerInvariant())
            {
                case "season": return Season(be, seasonEndMonth);
                case "fiscal": return Fiscal(be);
                case "year": return CalendarYear(be);
            }
        }
        throw new FormatException($"'{text}' is not a period: write season:2569, fiscal:2569, year:2569 or 2026-01-01..2026-05-31.");
    }

    /// <summary>
    /// The period <paramref name="count"/> steps back: the same season, fiscal or calendar year that many years
    /// earlier; for explicit dates, the same days that many years earlier.
    /// </summary>
    public Period Previous(int count = 1) => Kind switch
    {
        PeriodKind.Season => Season(Year!.Value - count, SeasonEndMonth),
        PeriodKind.Fiscal => Fiscal(Year!.Value - count),
        PeriodKind.Year => CalendarYear(Year!.Value - count),
        _ => Dates(From.AddYears(-count), To.AddYears(-count)),
    };

    /// <summary>Number of days in the period.</summary>
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The name users give it (BE years): <c>season:2569</c> or <c>2026-01-01..2026-05-31</c>.</summary>
    public string Label => Kind switch
    {
        PeriodKind.Season => string.Create(CultureInfo.InvariantCulture, $"season:{Year}"),
        PeriodKind.Fiscal => string.Create(CultureInfo.InvariantCulture, $"fiscal:{Year}"),
        PeriodKind.Year => string.Create(CultureInfo.InvariantCulture, $"year:{Year}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{From:yyyy-MM-dd}..{To:yyyy-MM-dd}"),
    };

    /// <summary>
    /// The period in words, for notes people read (never the command-line form): "ฤดูไฟป่า 2569" / "fire season 2569",
    /// "ปีงบประมาณ 2569" / "fiscal year 2569", "ปี 2569" / "year 2569" (Buddhist Era), or the days ("1 มี.ค.-31 มี.ค. 2569").
    /// </summary>
    public string Words(bool th) => (Kind, th) switch
    {
        (PeriodKind.Season, true) => string.Create(CultureInfo.InvariantCulture, $"ฤดูไฟป่า {Year}"),
        (PeriodKind.Fiscal, true) => string.Create(CultureInfo.InvariantCulture, $"ปีงบประมาณ {Year}"),
        (PeriodKind.Year, true) => string.Create(CultureInfo.InvariantCulture, $"ปี {Year}"),
        (PeriodKind.Season, false) => string.Create(CultureInfo.InvariantCulture, $"fire season {Year}"),
        (PeriodKind.Fiscal, false) => string.Create(CultureInfo.InvariantCulture, $"fiscal year {Year}"),
        (PeriodKind.Year, false) => string.Create(CultureInfo.InvariantCulture, $"year {Year}"),
        _ => ThaiCalendar.DaySpan(From, To, th),
    };

    public override string ToString() => Label;
}
