using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MimeKit;

namespace Gis.TestSupport;

/// <summary>How the SMTP receiver treats the next sessions.</summary>
public enum SmtpMode
{
    /// <summary>Accepts mail.</summary>
    Up,

    /// <summary>Greets with 421 and closes, as a server out of service does.</summary>
    Down,

    /// <summary>Accepts the connection and never says a word (a hung server).</summary>
    Hang,
}

/// <summary>
/// An SMTP server on 127.0.0.1 that keeps what it receives: EHLO, STARTTLS (a self-signed certificate made here, whose
/// SHA-256 fingerprint <see cref="CertificateSha256"/> a client pins), AUTH PLAIN against one account, MAIL, RCPT, DATA,
/// QUIT. Enough of RFC 5321 for MailKit; messages are parsed with MimeKit.
/// </summary>
public sealed class SmtpReceiver : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 _certificate;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public SmtpReceiver(string user, string password)
    {
        (User, Password) = (user, password);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // Through PKCS #12, so the private key is usable by SslStream on Linux.
        _certificate = X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12), null);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = Task.Run(LoopAsync);
    }

    public string User { get; }

    public string Password { get; }

    public int Port { get; }

    public SmtpMode Mode { get; set; } = SmtpMode.Up;

    /// <summary>The fingerprint of the server's certificate, as a client pins it (hex, upper case).</summary>
    public string CertificateSha256 => _certificate.GetCertHashString(HashAlgorithmName.SHA256);

    /// <summary>Messages accepted, in order.</summary>
    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    /// <summary>Sessions that switched to TLS before authenticating.</summary>
    public int TlsSessions => _tlsSessions;

    /// <summary>Completed when a session is accepted in <see cref="SmtpMode.Hang"/> mode.</summary>
    public TaskCompletionSource Hung { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int _tlsSessions;

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => SessionAsync(client));
        }
    }

    private async Task SessionAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            Stream stream = client.GetStream();
            if (Mode == SmtpMode.Hang)
            {
                Hung.TrySetResult();
                await Task.Delay(Timeout.Infinite, _stop.Token);
            }
            var (reader, writer) = Open(stream);
            if (Mode == SmtpMode.Down)
            {
                await writer.WriteLineAsync("421 127.0.0.1 Service not available");
                return;
            }
            await writer.WriteLineAsync("220 127.0.0.1 ESMTP test receiver");
            var authenticated = false;
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ')[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-127.0.0.1");
                        await writer.WriteLineAsync(stream is SslStream ? "250-AUTH PLAIN" : "250-STARTTLS");
                        await writer.WriteLineAsync("250 8BITMIME");
                        break;
                    case "STARTTLS":
                        await writer.WriteLineAsync("220 Go ahead");
                        var tls = new SslStream(stream);
                        await tls.AuthenticateAsServerAsync(_certificate);
                        stream = tls;
                        (reader, writer) = Open(stream);
                        Interlocked.Increment(ref _tlsSessions);
                        break;
                    case "AUTH":
                        // PLAIN with its initial response, as MailKit sends it: "AUTH PLAIN base64(\0user\0password)".
                        var parts = line.Split(' ');
                        var fields = parts.Length == 3 ? Encoding.UTF8.GetString(Convert.FromBase64String(parts[2])).Split('\0') : [];
                        authenticated = stream is SslStream && fields.Length == 3 && fields[1] == User && fields[2] == Password;
                        await writer.WriteLineAsync(authenticated ? "235 Authenticated" : "535 Authentication failed");
                        break;
                    case "MAIL":
                        await writer.WriteLineAsync(authenticated ? "250 OK" : "530 Authentication required");
                        break;
                    case "RCPT":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End with <CRLF>.<CRLF>");
                        var text = new StringBuilder();
                        while (await reader.ReadLineAsync(_stop.Token) is { } body && body != ".")
                            text.Append(body.StartsWith("..", StringComparison.Ordinal) ? body[1..] : body).Append("\r\n");
                        Messages.Enqueue(MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()))));
                        await writer.WriteLineAsync("250 OK queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync(verb is "RSET" or "NOOP" ? "250 OK" : "502 Not implemented");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client went away (or the test ended): nothing to answer.
        }
    }

    private static (StreamReader Reader, StreamWriter Writer) Open(Stream stream) =>
        (new StreamReader(stream, new UTF8Encoding(false), false, 1024, leaveOpen: true),
            new StreamWriter(stream, new UTF8Encoding(false), 1024, leaveOpen: true) { NewLine = "\r\n", AutoFlush = true });

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _loop.Wait(TimeSpan.FromSeconds(5));
        _certificate.Dispose();
        _stop.Dispose();
    }
}
