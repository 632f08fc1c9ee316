using System.Globalization;
using System.Net;
using System.Text;
using Gis.Core.Hotspots;
using Gis.Core.Time;

namespace Gis.Importers.Firms;

/// <summary>A bounding box in WGS84 degrees, written the way the FIRMS area API takes it: <c>west,south,east,north</c>.</summary>
public sealed record BoundingBox(double West, double South, double East, double North)
{
    /// <summary>Parses <c>west,south,east,north</c> (invariant culture; the order FIRMS uses).</summary>
    /// <exception cref="FormatException">Not four numbers, out of range, or west/south not below east/north.</exception>
    public static BoundingBox Parse(string text)
    {
        var parts = text.Split(',');
        var values = new double[4];
        if (parts.Length != 4 || !parts.Select((p, i) => double.TryParse(p.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture,
            out values[i])).All(ok => ok))
            throw new FormatException($"--area {text}: expected west,south,east,north in degrees, e.g. 97.3,17.2,99.6,20.2.");
        var box = new BoundingBox(values[0], values[1], values[2], values[3]);
        return box.West is >= -180 and <= 180 && box.East is >= -180 and <= 180 && box.South is >= -90 and <= 90
            && box.North is >= -90 and <= 90
               && box.West < box.East && box.South < box.North
            ? box
            : throw new FormatException($"--area {text}: west < east and south < north, within -180..180 and -90..90.");
    }

    /// <summary>The box grown outwards to 0.001 degree (about 100 m), so the printed text still covers the whole area.</summary>
    public BoundingBox Outward() => new(Math.Floor(West * 1000) / 1000, Math.Floor(South * 1000) / 1000,
        Math.Ceiling(East * 1000) / 1000, Math.Ceiling(North * 1000) / 1000);

    /// <inheritdoc/>
    public override string ToString() => string.Join(',',
        new[] { West, South, East, North }.Select(v => v.ToString("0.###", CultureInfo.InvariantCulture)));
}

/// <summary>One request to the FIRMS area API.</summary>
/// <param name="Source">A FIRMS source name, one of <see cref="FirmsAreaClient.Sources"/>.</param>
/// <param name="Days">Day range, 1 to 10.</param>
/// <param name="Date">
/// With a date, FIRMS returns <paramref name="Days"/> days starting on it (date to date + days - 1); without, the most
/// recent days up to today (ADR 0008 cites the API's description).
/// </param>
public sealed record FirmsAreaRequest(string Source, BoundingBox Area, int Days, DateOnly? Date)
{
    /// <summary>
    /// What a standard (<c>_SP</c>) pull with a date vouches for: its window (<see cref="Date"/> and the
    /// <see cref="Days"/> - 1 days after it, FIRMS' meaning of the date, ADR 0008), its box and its satellites. Null for
    /// NRT sources, and without a date: "the most recent days" are the server's, not known here to the day.
    /// </summary>
    public FirmsCoverage? Coverage => Date is { } first && Source.EndsWith("_SP", StringComparison.Ordinal)
        ? new FirmsCoverage(first, first.AddDays(Days - 1), Area, SatellitesOf(Source))
        : null;

    /// <summary>The satellite codes a FIRMS source delivers.</summary>
    public static IReadOnlyList<string> SatellitesOf(string source) => source switch
    {
        _ when source.StartsWith("VIIRS_SNPP", StringComparison.Ordinal) => ["N"],
        _ when source.StartsWith("VIIRS_NOAA20", StringComparison.Ordinal) => ["N20"],
        _ when source.StartsWith("VIIRS_NOAA21", StringComparison.Ordinal) => ["N21"],
        _ when source.StartsWith("MODIS", StringComparison.Ordinal) => ["Terra", "Aqua"],
        _ => [],
    };

    /// <summary>
    /// The UTC days the pull asked for: <see cref="Date"/> and the days after it, or without a date the
    /// <see cref="Days"/> days up to the server's day when it answered (FIRMS' "most recent days").
    /// </summary>
    /// <param name="answered">When the server answered, by its clock.</param>
    public (DateOnly First, DateOnly Last) Window(DateTimeOffset answered)
    {
        var first = Date ?? DateOnly.FromDateTime(answered.UtcDateTime).AddDays(1 - Days);
        return (first, first.AddDays(Days - 1));
    }

    /// <summary>
    /// The Bangkok local days the pull vouches for (ADR 0015), in its box: its UTC days (<see cref="Window"/>) inside the
    /// product's archive (<paramref name="archive"/>; unchecked when null), less the first, whose Bangkok day began at
    /// 17:00 UTC the day before, and less a Bangkok day not yet over when the server answered. Null when no whole
    /// Bangkok day is left.
    /// </summary>
    /// <param name="answered">When the server answered, by its clock.</param>
    public CoverageClaim? Claim((DateOnly First, DateOnly Last)? archive, DateTimeOffset answered)
    {
        var (from, to) = Window(answered);
        var lastOver = Bangkok.LocalDay(answered.UtcDateTime).AddDays(-1);
        to = to < lastOver ? to : lastOver;
        if (archive is { } held)
            (from, to) = (from > held.First ? from : held.First, to < held.Last ? to : held.Last);
        var series = SatellitesOf(Source).Select(code => Satellites.TryParse(code, out var s) ? s : null).OfType<Satellite>()
            .Select(s => new CoveredSeries(s, Source.EndsWith("_NRT", StringComparison.Ordinal))).ToList();
        return from.AddDays(1) <= to && series.Count > 0 ? new CoverageClaim(from.AddDays(1), to, Area, series, CoverageClaim.Pull) : null;
    }

    /// <summary>True when none of the pull's days lies inside <paramref name="archive"/>.</summary>
    public bool OutsideArchive((DateOnly First, DateOnly Last) archive, DateTimeOffset answered) =>
        Window(answered) is var (first, last) && (first > archive.Last || last < archive.First);

    /// <summary>The batch's source name, e.g. <c>firms-api:VIIRS_NOAA20_NRT:97.5,17.5,99.5,20.5:1:2026-04-12</c>; never the key.</summary>
    public string BatchName => $"firms-api:{Source}:{Area}:{Days.ToString(CultureInfo.InvariantCulture)}:" +
                               (Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "latest");
}

/// <summary>What a fetch brought back: the whole body, validated, ready to import as one batch.</summary>
/// <param name="Url">The URL asked for, with the map key masked.</param>
/// <param name="Attempts">Tries it took (retries after timeouts, connection errors, 5xx and damaged bodies).</param>
/// <param name="Answered">When the server answered, by its clock (HTTP <c>Date</c>; ours when it sends none).</param>
public sealed record FirmsFetchResult(FirmsInput Input, string Url, int Attempts, long Bytes, DateTimeOffset Answered);

/// <summary>
/// Client of the FIRMS area API (<c>/api/area/csv/{key}/{source}/{area}/{days}[/{date}]</c>). The whole body is read
/// and checked before the caller stores anything, because FIRMS answers many errors with status 200 and plain text,
/// and a connection cut mid-body would otherwise store a partial day that later looks complete.
/// </summary>
public sealed class FirmsAreaClient(HttpClient http, Uri baseUrl, string mapKey)
{
    /// <summary>The default API address.</summary>
    public static readonly Uri DefaultBaseUrl = new("https://firms.modaps.eosdis.nasa.gov");

    /// <summary>The sources the area API serves; <c>_NRT</c> ones are near-real-time, <c>_SP</c> standard processing.</summary>
    public static readonly IReadOnlyList<string> Sources =
        ["VIIRS_NOAA20_NRT", "VIIRS_SNPP_NRT", "VIIRS_NOAA21_NRT", "MODIS_NRT", "VIIRS_SNPP_SP", "VIIRS_NOAA20_SP", "MODIS_SP"];

    /// <summary>Tries per fetch (the first one included).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Wait before the second try; doubled before each further try.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Time allowed for one try, headers and whole body.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Receives a line for each failed try that will be retried (key masked).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Replaces the map key wherever it appears, so no message or URL shown can leak it.</summary>
    public string Mask(string text) => mapKey.Length == 0 ? text
        : text.Replace(mapKey, "****", StringComparison.Ordinal).Replace(Uri.EscapeDataString(mapKey), "****", StringComparison.Ordinal);

    /// <summary>Fetches and validates one request, retrying transient failures with back-off.</summary>
    /// <exception cref="FirmsApiException">The API did not deliver a usable CSV within <see cref="MaxAttempts"/> tries.</exception>
    public async Task<FirmsFetchResult> FetchAsync(FirmsAreaRequest request, CancellationToken cancellationToken = default)
    {
        var url = new Uri(baseUrl,
            $"{baseUrl.AbsolutePath.TrimEnd('/')}/api/area/csv/{Uri.EscapeDataString(mapKey)}/{request.Source}/{request.Area}/" +
                                   request.Days.ToString(CultureInfo.InvariantCulture) +
                                   (request.Date is { } d ? "/" + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : ""));
        var (body, serverTime, attempts) = await WithRetriesAsync(url, b => Validate(b, Mask), "; nothing stored.", cancellationToken);
        var input = new FirmsInput(request.BatchName, body.Length, () => new MemoryStream(body, writable: false))
        {
            Coverage = request.Coverage,
        };
        return new FirmsFetchResult(input, Mask(url.ToString()), attempts, body.Length, serverTime ?? DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// Each product's first and last day, from the <c>data_availability</c> endpoint, retried like a fetch: a pull does
    /// not depend on it (without it the pull's window is recorded unchecked), but one dropped connection should not
    /// leave a window unchecked.
    /// </summary>
    /// <exception cref="FirmsApiException">No usable answer within <see cref="MaxAttempts"/> tries; the message names the masked
    /// URL.</exception>
    public async Task<FirmsArchive> ArchiveAsync(CancellationToken cancellationToken = default)
    {
        var url = new Uri(baseUrl, $"{baseUrl.AbsolutePath.TrimEnd('/')}/api/data_availability/csv/{Uri.EscapeDataString(mapKey)}/ALL");
        var archive = default(FirmsArchive);
        await WithRetriesAsync(url, body => archive = FirmsArchive.Parse(body), "", cancellationToken);
        return archive!;
    }

    /// <summary>One GET with its body checked by <paramref name="validate"/>, tried again after transient failures with back-off.</summary>
    /// <param name="consequence">What the final error adds, e.g. "; nothing stored.".</param>
    private async Task<(byte[] Body, DateTimeOffset? ServerTime, int Attempts)> WithRetriesAsync(Uri url, Action<byte[]> validate,
        string consequence,
        CancellationToken cancellationToken)
    {
        var shown = Mask(url.ToString());
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var (body, serverTime) = await TryOnceAsync(url, validate, cancellationToken);
                return (body, serverTime, attempt);
            }
            catch (FirmsApiException e) when (e.Transient && attempt < MaxAttempts)
            {
                var wait = RetryDelay * Math.Pow(2, attempt - 1);
                var seconds = wait.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
                Log?.Invoke($"{shown}: {e.Message}; try {attempt + 1} of {MaxAttempts} in {seconds} s");
                await Task.Delay(wait, cancellationToken);
            }
            catch (FirmsApiException e)
            {
                throw new FirmsApiException($"{shown}: {e.Message}" + (e.Transient ? $" (gave up after {attempt} tries)" : "")
                    + consequence, e.Transient);
            }
        }
    }

    // The server's clock (its Date header) comes back with the body: "the most recent days" are the server's days.
    private async Task<(byte[] Body, DateTimeOffset? ServerTime)> TryOnceAsync(Uri url, Action<byte[]> validate,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                var text = Mask(FirstLine(body));
                // FIRMS answers a bad key with 400/401/403 and "Invalid MAP_KEY."; no retry can fix that.
                // 429 is not retried either: trying again at once only spends more of the key's limit.
                throw status >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout
                    ? new FirmsApiException($"HTTP {status} {text}".TrimEnd(), transient: true)
                    : new FirmsApiException(Explain(text) ?? $"HTTP {status} {text}".TrimEnd(), transient: false);
            }
            validate(body);
            return (body, response.Headers.Date);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FirmsApiException(
                $"no complete answer within {Timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s", transient: true);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new FirmsApiException("connection failed: " + Mask(e.Message), transient: true);
        }
    }

    /// <summary>
    /// Refuses a body that is not a complete FIRMS CSV: empty, an HTML page, an error text, or damaged (a line whose
    /// field count differs from the header's, or a last line without its line end, as when a transfer is cut).
    /// </summary>
    /// <exception cref="FirmsApiException">Transient for damaged bodies (a new try may arrive whole), else not.</exception>
    internal static void Validate(byte[] body, Func<string, string> mask)
    {
        if (body.Length == 0)
            throw new FirmsApiException("the answer was empty (not even a CSV header)", transient: true);
        var text = Encoding.UTF8.GetString(body);
        var trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (trimmed.StartsWith('<'))
            throw new FirmsApiException("the answer was an HTML page, not CSV (maintenance page or wrong --base-url?)", transient: false);
        var lines = text.Split('\n');
        var header = lines[0].TrimEnd('\r');
        var columns = header.Split(',');
        if (!columns.Contains("latitude") || !columns.Contains("longitude") || !columns.Contains("acq_date"))
        {
            var first = mask(FirstLine(body));
            throw new FirmsApiException(Explain(first) ?? $"FIRMS answered with text, not CSV: \"{first}\"", transient: false);
        }
        // The body ends with a line end: the last element of the split is empty. Anything else is a cut line.
        if (lines[^1].Length != 0)
            throw new FirmsApiException($"the answer was cut off (last line {lines.Length} incomplete)", transient: true);
        for (var i = 1; i < lines.Length - 1; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
                continue;
            var fields = line.AsSpan().Count(',') + 1;
            if (fields != columns.Length)
                throw new FirmsApiException($"the answer is damaged (line {i + 1} has {fields} fields, the header {columns.Length})",
                    transient: true);
        }
    }

    /// <summary>A plain explanation of FIRMS' known error texts, or null.</summary>
    private static string? Explain(string text) =>
        text.Contains("Invalid MAP_KEY", StringComparison.OrdinalIgnoreCase)
            ? "FIRMS refused the map key (\"Invalid MAP_KEY.\"); check --map-key, FIRMS_MAP_KEY or config.json"
        : text.Contains("transaction limit", StringComparison.OrdinalIgnoreCase)
            ? $"FIRMS refused the request: \"{text}\" (the key's transaction limit; wait about 10 minutes)"
        : null;

    private static string FirstLine(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 400));
        var line = text.Split('\n')[0].Trim();
        return line.Length > 200 ? line[..200] + "..." : line;
    }
}
