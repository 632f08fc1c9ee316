using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace Gis.TestSupport;

/// <summary>
/// A webhook endpoint on 127.0.0.1 that keeps every JSON body posted to it with its Authorization header; while
/// <see cref="Down"/> it answers 503 and keeps nothing.
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly LoopbackHttp _http;

    public WebhookReceiver() => _http = new LoopbackHttp(AnswerAsync);

    public int Port => _http.Port;

    public string Url(string path = "hook") => $"http://127.0.0.1:{Port}/{path}";

    public bool Down { get; set; }

    /// <summary>Requests refused while down.</summary>
    public int Refused => _refused;

    private int _refused;

    /// <summary>Bodies received, in order, with the path and the Authorization header they came with.</summary>
    public ConcurrentQueue<(string Path, string? Authorization, JsonElement Body)> Posts { get; } = new();

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var response = context.Response;
        if (Down)
        {
            Interlocked.Increment(ref _refused);
            response.StatusCode = 503;
        }
        else
        {
            using var document = await JsonDocument.ParseAsync(context.Request.InputStream);
            Posts.Enqueue((context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"], document.RootElement.Clone()));
            response.StatusCode = 200;
        }
        response.Close();
    }

    public void Dispose() => _http.Dispose();
}
