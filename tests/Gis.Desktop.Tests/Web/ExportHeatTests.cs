using System.Net.Http.Json;
using Gis.Desktop.Tests.Planner;
using Gis.TestSupport;
using SkiaSharp;

namespace Gis.Desktop.Tests.Web;

/// <summary>The export button sends the hotspot view; the heat view comes back as the renderer's density classes.</summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class ExportHeatTests : PlannerServerTest
{
    private async Task<HttpResponseMessage> ExportAsync(string view) =>
        await Server.Http.PostAsJsonAsync(new Uri("/api/export", UriKind.Relative), new Dictionary<string, object?>
        {
            ["theme"] = "hotspots",
            ["period"] = "season:2569",
            ["format"] = "png",
            ["hotspots"] = true,
            ["hotspot_view"] = view,
        });

    [Fact]
    public async Task Export_HeatView_DrawsTheDensity_UnknownViewRefused()
    {
        // Twenty detections on one spot in Mae Chaem: 20 x 3.82 = 76 per 100 km² there, heat class 50-100.
        await new Importers.Firms.FirmsImporter(Server.Db.Store).ImportAsync(Gis.TestSupport.FirmsCsv.Detections("a.csv", 18.575, 98.355,
            "2026-03-15", 20), strict: true);

        using var heat = await ExportAsync("heat");
        Assert.Equal(System.Net.HttpStatusCode.OK, heat.StatusCode);
        using var bitmap = SKBitmap.Decode(await heat.Content.ReadAsByteArrayAsync());
        var classColour = Gis.Rendering.Maps.MapStyles.Heat[5];
        var pixels = bitmap.Pixels;
        Assert.Contains(pixels, p => p.Red == classColour.R && p.Green == classColour.G && p.Blue == classColour.B);

        using var points = await ExportAsync("points");
        using var pointsBitmap = SKBitmap.Decode(await points.Content.ReadAsByteArrayAsync());
        Assert.DoesNotContain(pointsBitmap.Pixels, p => p.Red == classColour.R && p.Green == classColour.G && p.Blue == classColour.B);

        using var wrong = await ExportAsync("glow");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("hotspot_view 'glow'", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
