using System.Collections.Frozen;

namespace Gis.Desktop.Api;

/// <summary>
/// The page, served from the bundle embedded in this assembly (web/dist, built by the csproj): a fixed list of three
/// names, so no path from a request ever reaches the file system; anything else is 404.
/// </summary>
internal static class StaticAssets
{
    private static readonly FrozenDictionary<string, (byte[] Body, string ContentType)> Files = Load();

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Serve("index.html"));
        app.MapGet("/app.js", () => Serve("app.js"));
        app.MapGet("/app.css", () => Serve("app.css"));
    }

    private static IResult Serve(string name)
    {
        var (body, type) = Files[name];
        return Results.Bytes(body, type);
    }

    private static FrozenDictionary<string, (byte[], string)> Load()
    {
        var assembly = typeof(StaticAssets).Assembly;
        var files = new Dictionary<string, (byte[], string)>();
        var assets = new[]
        {
            ("index.html", "text/html; charset=utf-8"),
            ("app.js", "text/javascript; charset=utf-8"),
            ("app.css", "text/css; charset=utf-8"),
        };
        foreach (var (name, type) in assets)
        {
            using var stream = assembly.GetManifestResourceStream("web/" + name)
                ?? throw new InvalidOperationException($"The page asset web/{name} is not embedded: the web bundle was not built " +
                    "(see Gis.Desktop.csproj, target BundleWeb).");
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            files[name] = (buffer.ToArray(), type);
        }
        return files.ToFrozenDictionary();
    }
}
