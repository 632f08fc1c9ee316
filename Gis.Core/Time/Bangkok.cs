namespace Gis.Core.Time;

/// <summary>
/// Asia/Bangkok local time. Thailand has kept UTC+7 without daylight saving since 1920, so a fixed offset is exact
/// for every satellite record and needs no time-zone database (which minimal containers may lack).
/// </summary>
public static class Bangkok
{
    /// <summary>The offset of Bangkok local time from UTC.</summary>
    public static readonly TimeSpan UtcOffset = TimeSpan.FromHours(7);

    /// <summary>The Bangkok calendar day of a UTC instant: the day a hotspot is reported under.</summary>
    public static DateOnly LocalDay(DateTime utc) => DateOnly.FromDateTime(utc + UtcOffset);

    /// <summary>The first UTC instant of a Bangkok local day.</summary>
    public static DateTime StartUtc(DateOnly localDay) =>
        DateTime.SpecifyKind(localDay.ToDateTime(TimeOnly.MinValue) - UtcOffset, DateTimeKind.Utc);
}
