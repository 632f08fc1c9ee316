using System.Globalization;
using System.Text.RegularExpressions;
using Gis.Core.Time;
using Gis.Importers.Queries.Layers;
using Microsoft.Extensions.Primitives;

namespace Gis.Desktop.Api.Ogc;

/// <summary>
/// Reads the query parameters of OGC API - Features Part 1 (<c>bbox</c>, <c>datetime</c>, <c>limit</c>) and the format
/// choice (<c>f</c>, <c>Accept</c>); anything unreadable is an <see cref="ApiInputException"/> naming the parameter (400).
/// </summary>
internal static partial class OgcParameters
{
    /// <summary>Features per page when the client does not say (the standard's example default).</summary>
    public const int DefaultLimit = 10;

    /// <summary>Most features per page; a larger limit is served as this one, as the standard allows.</summary>
    public const int MaxLimit = 10_000;

    /// <summary>
    /// <c>minLon,minLat,maxLon,maxLat</c> in CRS84 degrees (or the six numbers of a 3D box, heights ignored); null when
    /// not given. A west edge east of the east edge crosses the antimeridian.
    /// </summary>
    public static LonLatBox? Bbox(string? text)
    {
        if (text is null)
            return null;
        var parts = text.Split(',');
        if (parts.Length is not (4 or 6))
            throw new ApiInputException($"bbox '{text}' needs four numbers: minLon,minLat,maxLon,maxLat (CRS84 degrees), "
                + "e.g. bbox=98.5,18.5,99.2,19.2.");
        var numbers = parts.Select(p => double.TryParse(p.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            && double.IsFinite(v) ? v : throw new ApiInputException($"bbox: '{p}' is not a number (bbox '{text}').")).ToArray();
        var (west, south, east, north) = parts.Length == 4
            ? (numbers[0], numbers[1], numbers[2], numbers[3])
            : (numbers[0], numbers[1], numbers[3], numbers[4]);
        if (west is < -180 or > 180 || east is < -180 or > 180)
            throw new ApiInputException($"bbox '{text}': longitudes must lie in -180..180 (the order is minLon,minLat,maxLon,maxLat).");
        if (south is < -90 or > 90 || north is < -90 or > 90)
            throw new ApiInputException($"bbox '{text}': latitudes must lie in -90..90 (the order is minLon,minLat,maxLon,maxLat).");
        if (south > north)
            throw new ApiInputException($"bbox '{text}': the south edge {south.ToString(CultureInfo.InvariantCulture)} lies north of "
                + $"the north edge {north.ToString(CultureInfo.InvariantCulture)}.");
        return new LonLatBox(west, south, east, north);
    }

    /// <summary>
    /// An instant or an interval (<c>start/end</c>, <c>..</c> or empty for an open end) of RFC 3339 date-times with a
    /// time zone (<c>2026-03-15T06:27:00Z</c>) or dates. A date is a Bangkok day (the day reports count a detection
    /// under): as a start it starts at its first instant, as an end it includes its last. Null when not given.
    /// </summary>
    public static UtcRange? Datetime(string? text)
    {
        if (text is null)
            return null;
        var parts = text.Split('/');
        if (parts.Length > 2)
            throw new ApiInputException($"datetime '{text}' is neither an instant nor an interval start/end.");
        if (parts.Length == 1)
        {
            var instant = End(parts[0], text, start: true) ?? throw new ApiInputException(
                $"datetime '{text}': an instant cannot be open; give a date-time, a date or an interval such as 2026-01-01/..");
            return new UtcRange(instant, End(parts[0], text, start: false));
        }
        var (from, to) = (End(parts[0], text, start: true), End(parts[1], text, start: false));
        if (from is null && to is null)
            throw new ApiInputException($"datetime '{text}' is open at both ends: leave datetime out to select every time.");
        if (from >= to)
            throw new ApiInputException($"datetime '{text}' ends before it starts.");
        return new UtcRange(from, to);
    }

    /// <summary>One end of a datetime interval in UTC: a start inclusive, an end exclusive; null when open.</summary>
    private static DateTime? End(string part, string text, bool start)
    {
        if (part is "" or "..")
            return null;
        if (DateOnly.TryParseExact(part, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            CheckEra(day.Year, part);
            return Bangkok.StartUtc(start ? day : day.AddDays(1));
        }
        if (DateTimePattern().IsMatch(part)
            && DateTimeOffset.TryParse(part, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            CheckEra(instant.Year, part);
            // PostgreSQL keeps microseconds: an end one microsecond later includes the instant itself.
            return start ? instant.UtcDateTime : instant.UtcDateTime.AddTicks(10);
        }
        throw new ApiInputException($"datetime '{text}': '{part}' is not an RFC 3339 date-time with a time zone "
            + "(2026-03-15T06:27:00Z, 2026-03-15T13:27:00+07:00) or a date (2026-03-15).");
    }

    private static void CheckEra(int year, string part)
    {
        if (year >= 2400)
            throw new ApiInputException($"datetime: '{part}' has a Buddhist Era year; datetime takes CE years (BE - 543), "
                + $"e.g. {(year - ThaiCalendar.BuddhistEraOffset).ToString(CultureInfo.InvariantCulture)}.");
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimePattern();

    /// <summary>Features per page: 1 or more, default <see cref="DefaultLimit"/>, at most <see cref="MaxLimit"/>.</summary>
    public static int Limit(string? text)
    {
        if (text is null)
            return DefaultLimit;
        if (!Digits().IsMatch(text))
            throw new ApiInputException($"limit '{text}' is not a whole number from 1 to {MaxLimit}.");
        // Digits only: anything longer than int is far above the maximum.
        var limit = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : int.MaxValue;
        return limit == 0 ? throw new ApiInputException($"limit must be at least 1, not {text}.") : Math.Min(limit, MaxLimit);
    }

    [GeneratedRegex("^[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();

    /// <summary>Refuses a query parameter this resource does not define (the standard asks for 400, not silence).</summary>
    public static void OnlyKnown(IQueryCollection query, IReadOnlyCollection<string> known)
    {
        foreach (var (name, _) in query)
        {
            if (name != "f" && !known.Contains(name))
            {
                throw new ApiInputException(known.Count == 0
                    ? $"unknown parameter '{name}': this resource takes only f=json."
                    : $"unknown parameter '{name}': this resource takes {string.Join(", ", known)} and f.");
            }
        }
    }

    /// <summary>
    /// Refuses a format other than JSON: <c>f</c> other than json (400), or an Accept header that admits no JSON (406,
    /// thrown as <see cref="NotAcceptableException"/>). Browsers accept */* and get JSON.
    /// </summary>
    public static void Json(HttpRequest request)
    {
        if (request.Query["f"] is { Count: > 0 } f && f.ToString() is not ("json" or "geojson"))
            throw new ApiInputException($"f={f}: this service answers in JSON only (f=json).");
        if (request.Headers.Accept is { Count: > 0 } accept && !AcceptsJson(accept))
            throw new NotAcceptableException($"Accept '{accept}' admits no JSON; this service answers in JSON (application/json, "
                + "application/geo+json).");
    }

    private static bool AcceptsJson(StringValues accept) =>
        accept.SelectMany(a => (a ?? "").Split(',')).Select(t => t.Split(';')[0].Trim())
            .Any(t => t is "*/*" or "application/*" || t.EndsWith("json", StringComparison.OrdinalIgnoreCase));
}

/// <summary>A request whose Accept header admits nothing this service makes: answered 406.</summary>
internal sealed class NotAcceptableException(string message) : Exception(message);
