using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
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
            Description = "Listen on this address instead of 127.0.0.1 (needs --token); e.g. 0.0.0.0 for every interface",
        };
        var token = new Option<string?>("--token")
        {
            Description = $"Access token for --listen (at least {DesktopOptions.MinimumTokenLength} characters; else $GIS_DESKTOP_TOKEN)",
        };
        var noBrowser = new Option<bool>("--no-browser") { Description = "Do not open the browser" };
        var province = ProvinceOptions.Province("whose districts are shown");
        var command = new Command("desktop", """
            The map workstation: hotspots, districts, land use and projects on a map in the browser, with the targets per
            district. Listens on 127.0.0.1 only unless --listen and --token are given; runs until Ctrl+C.
            """)
        { port, listen, token, noBrowser, province };
        command.SetAction(async (parse, ct) =>
        {
            IPAddress? address = null;
            if (parse.GetValue(listen) is { } text && !IPAddress.TryParse(text, out address))
                throw new FormatException($"--listen: '{text}' is not an IP address (e.g. 0.0.0.0 or 192.168.1.10).");
            var accessToken = parse.GetValue(token) ?? Environment.GetEnvironmentVariable("GIS_DESKTOP_TOKEN");
            var options = new DesktopOptions(parse.GetValue(port), address, string.IsNullOrEmpty(accessToken) ? null : accessToken,
                DopaCode.Normalize(parse.GetValue(province)));
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
