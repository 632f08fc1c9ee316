using Gis.Core.Hotspots;
using Gis.Core.Periods;
using Gis.Core.Targets;
using Gis.Core.Time;

namespace Gis.Desktop.Api;

/// <summary>Reads the values the page sends in query strings; anything unreadable is an <see cref="ApiInputException"/> (400).</summary>
internal static class RequestValues
{
    /// <summary><c>season:2569</c>, <c>fiscal:2569</c>, <c>year:2569</c> or <c>FROM..TO</c>, BE years, as the CLI takes them.</summary>
    public static Period Period(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new ApiInputException("period is missing: give e.g. period=season:2569.");
        try
        {
            return Core.Periods.Period.Parse(text);
        }
        catch (FormatException e)
        {
            throw new ApiInputException("period: " + e.Message);
        }
    }

    /// <summary>previous (default), mean:N or a period.</summary>
    public static Baseline Baseline(string? text)
    {
        try
        {
            return Core.Targets.Baseline.Parse(string.IsNullOrWhiteSpace(text) ? "previous" : text);
        }
        catch (FormatException e)
        {
            throw new ApiInputException("baseline: " + e.Message);
        }
    }

    /// <summary>The series: VIIRS (default), MODIS or all, read as the command line reads <c>--instrument</c>.</summary>
    public static HotspotFilter Filter(string? instrument)
    {
        try
        {
            return HotspotFilter.Parse(instrument);
        }
        catch (FormatException e)
        {
            throw new ApiInputException(e.Message);
        }
    }

    /// <summary>A local day (yyyy-MM-dd), or null when not given.</summary>
    public static DateOnly? Day(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        try
        {
            return ThaiCalendar.ParseDate(text);
        }
        catch (FormatException e)
        {
            throw new ApiInputException($"{name}: {e.Message}");
        }
    }

    /// <summary>A BE year between 2400 and 2700, or null when not given.</summary>
    public static int? BeYear(int? year, string name) =>
        year is null or (>= 2400 and <= 2700) ? year
            : throw new ApiInputException($"{name}: {year} is not a Buddhist Era year (e.g. 2566).");
}
