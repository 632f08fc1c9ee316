using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gis.Cli.Options;
using Gis.Core.Admin;
using Gis.Desktop;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gis.Cli.Commands;

/// <summary><c>gis desktop</c>: the map workstation in the browser, served from the store until Ctrl+C.</summary>
internal static class DesktopCommand
{
    public const int DefaultPort = 8750;

    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "TCP port (0: any free port)", DefaultValueFactory = _ => DefaultPort };
        var listen = new Option<string?>("--listen")
        {
            Description = "Listen on this address instead of 127.0.0.1 (needs --accounts or --token, and --certificate or "
                + "--behind-proxy); e.g. 0.0.0.0 for every interface",
        };
        var token = new Option<string?>("--token")
        {
            Description = $"Access token of a read-only kiosk (at least {DesktopOptions.MinimumTokenLength} characters; "
                + "else $GIS_DESKTOP_TOKEN)",
        };
        var accounts = new Option<bool>("--accounts")
        {
            Description = "Everyone signs in with an account (gis users add); on by itself once an account exists",
        };
        var certificate = new Option<FileInfo?>("--certificate")
        {
            Description = "Serve HTTPS with this certificate: .pfx (password in $GIS_CERTIFICATE_PASSWORD) or .pem with --certificate-key",
        };
        var certificateKey = new Option<FileInfo?>("--certificate-key") { Description = "The PEM private key of --certificate" };
        var proxy = new Option<string?>("--behind-proxy")
        {
            Description = "Address of a reverse proxy that terminates TLS (its X-Forwarded-For/-Proto are believed)",
        };
        var noBrowser = new Option<bool>("--no-browser") { Description = "Do not open the browser" };
        var province = ProvinceOptions.Province("whose districts are shown");
        var tileMakers = new Option<int?>("--tile-makers")
        {
            Description = "How many map tiles are made at once, each a database query (default: twice this machine's CPUs; " +
                          "raise it when PostgreSQL runs on a larger machine)",
        };
        var command = new Command("desktop", """
            The map workstation: hotspots, districts, land use and projects on a map in the browser, with the targets per
            district. Listens on 127.0.0.1 only unless --listen is given with accounts or a token and TLS (docs/desktop.md,
            "Deploying for an office"); runs until Ctrl+C.
            """)
        { port, listen, token, accounts, certificate, certificateKey, proxy, noBrowser, province, tileMakers };
        command.SetAction(async (parse, ct) =>
        {
            IPAddress? address = null;
            if (parse.GetValue(listen) is { } text && !IPAddress.TryParse(text, out address))
                throw new FormatException($"--listen: '{text}' is not an IP address (e.g. 0.0.0.0 or 192.168.1.10).");
            var accessToken = parse.GetValue(token) ?? Environment.GetEnvironmentVariable("GIS_DESKTOP_TOKEN");
            IPAddress? proxyAddress = null;
            if (parse.GetValue(proxy) is { } proxyText && !IPAddress.TryParse(proxyText, out proxyAddress))
                throw new FormatException($"--behind-proxy: '{proxyText}' is not an IP address (the proxy's, e.g. 10.0.0.5).");
            var options = new DesktopOptions(parse.GetValue(port), address, string.IsNullOrEmpty(accessToken) ? null : accessToken,
                DopaCode.Normalize(parse.GetValue(province)), parse.GetValue(accounts),
                LoadCertificate(parse.GetValue(certificate), parse.GetValue(certificateKey)), proxyAddress);
            if (parse.GetValue(tileMakers) is { } makers)
                options = options with { TileMakers = makers };
            try
            {
                options.Validate();
            }
            catch (ArgumentException e)
            {
                throw new FormatException(e.Message, e);
            }

            var output = parse.InvocationConfiguration.Output;
            await using var store = await GlobalOptions.OpenStoreAsync(parse, ct);
            await using var app = DesktopHost.Build(store, options);
            try
            {
                await app.StartAsync(ct);
            }
            catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                throw new IOException(string.Create(CultureInfo.InvariantCulture,
                    $"port {options.Port} on {options.Address} is in use (another gis desktop?); choose another with --port"), e);
            }
            var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            var url = options.AccessToken is null ? bound.ToString() : bound + "?token=" + Uri.EscapeDataString(options.AccessToken);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"gis desktop: {url}  (Ctrl+C to stop)"));
            if (!parse.GetValue(noBrowser))
                await output.WriteLineAsync(OpenBrowser(url));
            try
            {
                await app.WaitForShutdownAsync(ct);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: stop below.
            }
            await app.StopAsync(CancellationToken.None);
            return 0;
        });
        return command;
    }

    /// <summary>The certificate (with its key) of --certificate, or null without it.</summary>
    private static X509Certificate2? LoadCertificate(FileInfo? file, FileInfo? key)
    {
        if (file is null)
            return key is null ? null : throw new FormatException("--certificate-key needs --certificate");
        try
        {
            return file.Extension.Equals(".pfx", StringComparison.OrdinalIgnoreCase) || file.Extension.Equals(".p12",
                StringComparison.OrdinalIgnoreCase)
                ? X509CertificateLoader.LoadPkcs12FromFile(file.FullName, Environment.GetEnvironmentVariable("GIS_CERTIFICATE_PASSWORD"))
                : X509Certificate2.CreateFromPemFile(file.FullName, (key ?? throw new FormatException(
                    $"--certificate {file.Name}: a PEM certificate needs its private key, --certificate-key FILE")).FullName);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new FormatException($"--certificate {file.FullName}: {e.Message}", e);
        }
    }

    /// <summary>Opens the address with xdg-open when there is a display; says what it did.</summary>
    private static string OpenBrowser(string url)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"))
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY")))
            return "no display ($DISPLAY/$WAYLAND_DISPLAY): open the address in a browser yourself";
        try
        {
            using var process = Process.Start(new ProcessStartInfo("xdg-open",
                url)
            { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true });
            return "opened in the browser";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "xdg-open not found: open the address in a browser yourself";
        }
    }
}
