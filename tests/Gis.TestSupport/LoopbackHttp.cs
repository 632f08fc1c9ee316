using System.Net;
using System.Net.Sockets;

namespace Gis.TestSupport;

/// <summary>
/// An HTTP listener on a free port of 127.0.0.1 that hands each request to <c>answer</c> on a task of its own (a slow
/// answer must not hold up the next request), for the local servers tests talk to.
/// </summary>
public sealed class LoopbackHttp : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public LoopbackHttp(Func<HttpListenerContext, Task> answer)
    {
        // A free port: the OS picks one for a socket, which is closed again before the listener takes it.
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }
                _ = Task.Run(() => answer(context));
            }
        });
    }

    public int Port { get; }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
