using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Gis.TestSupport;

namespace Gis.Cli.Tests.Fetch;

/// <summary>What the fake FIRMS server does to one request instead of (or before) answering it well.</summary>
internal enum Fault
{
    /// <summary>Waits longer than the client's timeout, then answers.</summary>
    Timeout,

    /// <summary>HTTP 500 with a short text.</summary>
    ServerError,

    /// <summary>Status 200 and the body cut in the middle of a line.</summary>
    CutBody,

    /// <summary>Status 200 with FIRMS' rate-limit text instead of CSV.</summary>
    LimitText,

    /// <summary>Status 200 with an HTML maintenance page.</summary>
    Html,
}

/// <summary>
/// A FIRMS area API on 127.0.0.1 that replays the real NOAA-20 NRT snapshots: a request for N days answers every
/// snapshot line of those days (from all snapshots, so overlapping downloads bring the real duplicates again),
/// inside the area asked for. Faults queued with <see cref="Enqueue"/> are applied to the next requests in order.
/// A key other than <see cref="Key"/> gets FIRMS' "Invalid MAP_KEY." with status 400.
/// </summary>
internal sealed class FakeFirmsServer : IDisposable
{
    public const string Key = "0123456789abcdef0123456789abcdef";

    private readonly LoopbackHttp _http;
    private readonly string _header;
    private readonly List<(DateOnly Day, double Lat, double Lon, string Line)> _rows = [];
    private readonly ConcurrentQueue<Fault> _faults = new();

    public FakeFirmsServer(string snapshotDirectory, TimeSpan timeoutFaultDelay)
    {
        TimeoutFaultDelay = timeoutFaultDelay;
        var files = Directory.GetFiles(snapshotDirectory, "*.csv").Order(StringComparer.Ordinal).ToList();
        _header = File.ReadLines(files[0]).First();
        var columns = _header.Split(',');
        int date = Array.IndexOf(columns, "acq_date"), lat = Array.IndexOf(columns, "latitude"), lon = Array.IndexOf(columns, "longitude");
        foreach (var file in files)
        {
            foreach (var line in File.ReadLines(file).Skip(1).Where(l => l.Length > 0))
            {
                var f = line.Split(',');
                _rows.Add((DateOnly.ParseExact(f[date], "yyyy-MM-dd", CultureInfo.InvariantCulture),
                    double.Parse(f[lat], CultureInfo.InvariantCulture), double.Parse(f[lon], CultureInfo.InvariantCulture), line));
            }
        }
        LatestDay = _rows.Max(r => r.Day);

        // Each request on its own task: a delayed (timeout) answer must not hold up the retry that follows it.
        _http = new LoopbackHttp(AnswerAsync);
    }

    public int Port => _http.Port;

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public DateOnly LatestDay { get; }

    public TimeSpan TimeoutFaultDelay { get; }

    /// <summary>A day standard (_SP) answers leave out, as if reprocessing found no fire that day.</summary>
    public DateOnly? StandardDropsDay { get; set; }

    /// <summary>The last day standard (_SP) products hold, as <c>data_availability</c> states it; default the latest day.</summary>
    public DateOnly? StandardLastDay { get; set; }

    /// <summary>When set, <c>data_availability</c> answers HTTP 503.</summary>
    public bool AvailabilityFails { get; set; }

    /// <summary>How many of the next <c>data_availability</c> requests answer HTTP 503 before it answers again.</summary>
    public int AvailabilityFailuresLeft { get; set; }

    /// <summary>Area requests received so far (faulted ones included).</summary>
    public int Requests => _requests;

    private int _requests;

    public void Enqueue(params Fault[] faults)
    {
        foreach (var fault in faults)
            _faults.Enqueue(fault);
    }

    public int PendingFaults => _faults.Count;

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            // /api/area/csv/{key}/{source}/{area}/{days}[/{date}]
            var parts = context.Request.Url!.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (parts is ["api", "data_availability", "csv", _, "ALL"])
            {
                await AnswerAvailabilityAsync(response, parts[3]);
                return;
            }
            Interlocked.Increment(ref _requests);
            if (parts.Length is < 7 or > 8 || parts[0] != "api" || parts[1] != "area" || parts[2] != "csv")
            {
                await WriteAsync(response, 404, "Not Found");
                return;
            }
            if (parts[3] != Key)
            {
                await WriteAsync(response, 400, "Invalid MAP_KEY.");
                return;
            }
            var box = parts[5].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var days = int.Parse(parts[6], CultureInfo.InvariantCulture);
            // With a date FIRMS returns the days starting on it; without, the most recent days.
            var first = parts.Length == 8 ? DateOnly.ParseExact(parts[7], "yyyy-MM-dd", CultureInfo.InvariantCulture)
                : LatestDay.AddDays(1 - days);
            var last = first.AddDays(days - 1);
            var body = new StringBuilder(_header).Append('\n');
            // A standard (_SP) source answers the same passes as standard data, without the days it is told to drop.
            var standard = parts[4].EndsWith("_SP", StringComparison.Ordinal);
            foreach (var row in _rows.Where(r => r.Day >= first && r.Day <= last && r.Lon >= box[0] && r.Lat >= box[1] && r.Lon <= box[2]
                && r.Lat <= box[3]
                                                 && !(standard && (StandardDropsDay == r.Day || r.Day > StandardLastDay))))
                body.Append(standard ? row.Line.Replace(",2.0NRT,", ",2.0,", StringComparison.Ordinal) : row.Line).Append('\n');

            switch (_faults.TryDequeue(out var fault) ? fault : (Fault?)null)
            {
                case Fault.Timeout:
                    await Task.Delay(TimeoutFaultDelay);
                    await WriteAsync(response, 200, body.ToString());
                    break;
                case Fault.ServerError:
                    await WriteAsync(response, 500, "Internal Server Error");
                    break;
                case Fault.CutBody:
                    var text = body.ToString();
                    // Cut in the middle of a data line, as a dropped connection behind a proxy leaves it.
                    var cut = text.LastIndexOf('\n', text.Length / 2) + 20;
                    await WriteAsync(response, 200, text[..Math.Min(cut, text.Length - 1)]);
                    break;
                case Fault.LimitText:
                    await WriteAsync(response, 200, "Exceeding allowed transaction limit");
                    break;
                case Fault.Html:
                    await WriteAsync(response, 200, "<!DOCTYPE html><html><body>FIRMS is down for maintenance</body></html>", "text/html");
                    break;
                default:
                    await WriteAsync(response, 200, body.ToString());
                    break;
            }
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client gave up (timeout fault); nothing to answer.
        }
    }

    /// <summary>
    /// /api/data_availability/csv/{key}/ALL: NRT products from the snapshots' first to last day, standard ones from
    /// 2012 to <see cref="StandardLastDay"/>.
    /// </summary>
    private async Task AnswerAvailabilityAsync(HttpListenerResponse response, string key)
    {
        if (key != Key)
        {
            await WriteAsync(response, 400, "Invalid MAP_KEY.");
            return;
        }
        if (AvailabilityFails || AvailabilityFailuresLeft-- > 0)
        {
            await WriteAsync(response, 503, "Service Unavailable");
            return;
        }
        static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var body = new StringBuilder("data_id,min_date,max_date\n");
        foreach (var source in new[] { "MODIS_NRT", "VIIRS_SNPP_NRT", "VIIRS_NOAA20_NRT", "VIIRS_NOAA21_NRT" })
            body.Append(CultureInfo.InvariantCulture, $"{source},{Day(_rows.Min(r => r.Day))},{Day(LatestDay)}\n");
        foreach (var source in new[] { "MODIS_SP", "VIIRS_SNPP_SP", "VIIRS_NOAA20_SP" })
            body.Append(CultureInfo.InvariantCulture, $"{source},2012-01-20,{Day(StandardLastDay ?? LatestDay)}\n");
        await WriteAsync(response, 200, body.ToString());
    }

    private async Task WriteAsync(HttpListenerResponse response, int status, string text, string type = "text/csv")
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        // The server's clock, as FIRMS' "most recent days" read it: noon UTC of the latest day of the snapshots.
        var noon = LatestDay.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc);
        response.Headers.Set("Date", noon.ToString("r", CultureInfo.InvariantCulture));
        response.StatusCode = status;
        response.ContentType = type;
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }

    public void Dispose() => _http.Dispose();
}
