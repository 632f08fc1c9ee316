using System.Globalization;

namespace Gis.Core.Time;

/// <summary>
/// Buddhist Era (BE = CE + 543) dates, parsed and written on purpose with the invariant culture: .NET's th-TH
/// culture would silently switch calendars.
/// </summary>
public static class ThaiCalendar
{
    /// <summary>BE year minus CE year.</summary>
    public const int BuddhistEraOffset = 543;

    /// <summary>
    /// Reads <c>yyyy-MM-dd</c>. A year of 2400 or more is a Buddhist Era year (<c>2569-04-01</c> is 1 April 2026):
    /// no CE date this software handles comes near it, and Thai users write BE.
    /// </summary>
    /// <exception cref="FormatException">Not such a date; the message names the text.</exception>
    public static DateOnly ParseDate(string text)
    {
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            // A BE date such as 2567-02-29 (leap day of CE 2024) is not a valid CE-calendar date as written, so shift first.
            var parts = text.Trim().Split('-');
            if (parts.Length == 3 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var beYear) && beYear >= 2400
                && DateOnly.TryParseExact($"{(beYear - BuddhistEraOffset).ToString("D4", CultureInfo.InvariantCulture)}-{parts[1]}-{parts[2]}", "yyyy-MM-dd",
                    CultureInfo.InvariantCulture, DateTimeStyles.None, out var shifted))
                return shifted;
            throw new FormatException($"'{text}' is not a date: write yyyy-MM-dd (CE, or BE when the year is 2400 or more).");
        }
        return date.Year >= 2400 ? date.AddYears(-BuddhistEraOffset) : date;
    }

    /// <summary>The BE year of a date.</summary>
    public static int BuddhistYear(DateOnly date) => date.Year + BuddhistEraOffset;
}
