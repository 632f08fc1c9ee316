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
            if (parts.Length == 3 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var beYear)
                && beYear >= 2400
                && DateOnly.TryParseExact(
                    $"{(beYear - BuddhistEraOffset).ToString("D4", CultureInfo.InvariantCulture)}-{parts[1]}-{parts[2]}", "yyyy-MM-dd",
                    CultureInfo.InvariantCulture, DateTimeStyles.None, out var shifted))
                return shifted;
            throw new FormatException($"'{text}' is not a date: write yyyy-MM-dd (CE, or BE when the year is 2400 or more).");
        }
        return date.Year >= 2400 ? date.AddYears(-BuddhistEraOffset) : date;
    }

    /// <summary>The BE year of a date.</summary>
    public static int BuddhistYear(DateOnly date) => date.Year + BuddhistEraOffset;

    // Full names and the usual abbreviations (with and without the dots), January first.
    private static readonly string[][] MonthNames =
    [
        ["มกราคม", "ม.ค.", "มค"], ["กุมภาพันธ์", "ก.พ.", "กพ"], ["มีนาคม", "มี.ค.", "มีค"], ["เมษายน", "เม.ย.", "เมย"],
        ["พฤษภาคม", "พ.ค.", "พค"], ["มิถุนายน", "มิ.ย.", "มิย"], ["กรกฎาคม", "ก.ค.", "กค"], ["สิงหาคม", "ส.ค.", "สค"],
        ["กันยายน", "ก.ย.", "กย"], ["ตุลาคม", "ต.ค.", "ตค"], ["พฤศจิกายน", "พ.ย.", "พย"], ["ธันวาคม", "ธ.ค.", "ธค"],
    ];

    private static readonly string[] EnglishMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>
    /// A span of days as people write it, Buddhist Era year once at the end: "25 มี.ค.-18 พ.ค. 2569", "25 Mar-18 May 2569";
    /// one day alone as "25 มี.ค. 2569"; a span over two years names both.
    /// </summary>
    public static string DaySpan(DateOnly first, DateOnly last, bool th)
    {
        string Day(DateOnly d) => string.Create(CultureInfo.InvariantCulture,
            $"{d.Day} {(th ? MonthNames[d.Month - 1][1] : EnglishMonths[d.Month - 1])}");
        string Year(DateOnly d) => BuddhistYear(d).ToString(CultureInfo.InvariantCulture);
        return first == last ? $"{Day(first)} {Year(first)}"
            : first.Year == last.Year ? $"{Day(first)}-{Day(last)} {Year(last)}"
            : $"{Day(first)} {Year(first)}-{Day(last)} {Year(last)}";
    }

    /// <summary>
    /// Reads a Thai month and Buddhist Era year such as <c>พฤศจิกายน 2565</c>, <c>พฤศจิกายน2565</c> or <c>พ.ย. 2565</c>
    /// into the first day of that month (CE calendar: <c>พฤศจิกายน 2565</c> gives 2022-11-01). False for anything else,
    /// including a year alone or a year below 2400 (not BE).
    /// </summary>
    /// <param name="text">Thai text, normalised with <see cref="Text.ThaiText.Normalize"/> or not.</param>
    public static bool TryParseThaiMonthYear(string? text, out DateOnly firstOfMonth)
    {
        firstOfMonth = default;
        var s = Text.ThaiText.Normalize(text);
        var digits = s.Length - s.Reverse().TakeWhile(char.IsAsciiDigit).Count();
        if (s.Length - digits != 4 || !int.TryParse(s.AsSpan(digits), NumberStyles.None, CultureInfo.InvariantCulture, out var beYear)
            || beYear < 2400)
            return false;
        var month = s[..digits].Trim();
        for (var i = 0; i < MonthNames.Length; i++)
        {
            if (MonthNames[i].Contains(month, StringComparer.Ordinal))
            {
                firstOfMonth = new DateOnly(beYear - BuddhistEraOffset, i + 1, 1);
                return true;
            }
        }
        return false;
    }

    /// <summary>The Thai fiscal year (BE) a date falls in: 1 October starts the next one (2022-11-01 is in FY 2566).</summary>
    public static int FiscalYear(DateOnly date) => BuddhistYear(date) + (date.Month >= 10 ? 1 : 0);
}
