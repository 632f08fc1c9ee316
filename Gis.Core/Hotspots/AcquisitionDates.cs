using System.Globalization;
using Gis.Core.Time;

namespace Gis.Core.Hotspots;

/// <summary>
/// Which acquisition days a detection can have: none before its satellite flew, none after tomorrow. A date outside
/// (<c>2569-03-29</c>, a BE year typed as CE; <c>1900-01-01</c>; <c>2099-...</c>) would open seasons centuries away.
/// </summary>
public static class AcquisitionDates
{
    /// <summary>
    /// The first day the satellite's fire instrument can have seen anything: its launch, or for Terra MODIS's first
    /// data. Sources: Terra MODIS first light 24 Feb 2000 (LP DAAC, "Terra MODIS First Light 5th Anniversary"); Aqua
    /// launched 4 May 2002, S-NPP 28 Oct 2011, NOAA-20 (JPSS-1) 18 Nov 2017, NOAA-21 (JPSS-2) 10 Nov 2022 (NASA/NOAA
    /// JPSS and NESDIS launch announcements).
    /// </summary>
    public static DateOnly FirstDay(Satellite satellite) => satellite switch
    {
        Satellite.Terra => new DateOnly(2000, 2, 24),
        Satellite.Aqua => new DateOnly(2002, 5, 4),
        Satellite.SuomiNpp => new DateOnly(2011, 10, 28),
        Satellite.Noaa20 => new DateOnly(2017, 11, 18),
        Satellite.Noaa21 => new DateOnly(2022, 11, 10),
        _ => throw new ArgumentOutOfRangeException(nameof(satellite)),
    };

    /// <summary>
    /// Null when <paramref name="day"/> (UTC) can be an acquisition day of <paramref name="satellite"/>; otherwise why
    /// not, to follow the date in a message, with a hint when the year read as Buddhist Era would be a possible day:
    /// <c>is after tomorrow (2026-12-06): looks like a Buddhist-era year; did you mean 2026-03-29?</c>.
    /// </summary>
    /// <param name="today">Today's UTC date; tomorrow is allowed so that a clock or a time zone a day apart does no harm.</param>
    public static string? Problem(Satellite satellite, DateOnly day, DateOnly today)
    {
        var first = FirstDay(satellite);
        var last = today.AddDays(1);
        string problem;
        if (day > last)
            problem = $"is after tomorrow ({Iso(last)})";
        else if (day < first)
            problem = $"is before {Satellites.Code(satellite)} was launched ({Iso(first)})";
        else
            return null;
        if (TryAddYears(day, -ThaiCalendar.BuddhistEraOffset) is { } ce && ce >= first && ce <= last)
            problem += $": looks like a Buddhist-era year; did you mean {Iso(ce)}?";
        return problem;
    }

    private static DateOnly? TryAddYears(DateOnly day, int years) =>
        day.Year + years is >= 1 and <= 9999 ? day.AddYears(years) : null;

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
