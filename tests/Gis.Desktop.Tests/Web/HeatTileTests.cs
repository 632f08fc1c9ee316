using System.Globalization;
using System.Net;
using System.Text.Json;
using Gis.Core.Admin;
using Gis.Importers.Boundaries;
using Gis.Importers.Firms;
using Gis.Rendering.Maps;
using Gis.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace Gis.Desktop.Tests.Web;

/// <summary>
/// The heat tile endpoint over a fresh database with a handful of detections at known places, its pixels checked
/// against densities computed by hand: 3 / (pi h²) per detection at its own place, times (1 - (d/h)²)² at d.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class HeatTileTests : IAsyncLifetime
{
    private const string Header = FirmsCsv.Header;
    private const string Season = "season:2569";

    // A: three VIIRS detections (three passes) and two MODIS; B: one VIIRS detection 2.5 km (h / 2) east of A on the
    // sphere of Web Mercator; C: one VIIRS detection on another day, 30 km away.
    private const double LonA = 98.4, LatA = 18.5, LonC = 98.7, LatC = 18.6;
    private static readonly double LonB = LonA + (2500 / (6378137 * Math.Cos(LatA * Math.PI / 180)) * 180 / Math.PI);

    // One detection's peak per 100 km² with h = 5 km: 3 / (pi 25 km²) x 100 km².
    private const double Peak = 12 / Math.PI;

    private readonly string _dir = Directory.CreateTempSubdirectory("heat-tiles-").FullName;
    private TestDatabase _db = null!;
    private WebApplication _app = null!;
    private Uri _address = null!;

    public async Task InitializeAsync()
    {
        _db = await PostGis.NewDatabaseAsync();
        await new BoundaryImporter(_db.Store).ReplaceAsync(
            [new AdminArea("5003", "แม่แจ่ม", "Mae Chaem", Wkt.MultiPolygon("POLYGON ((98 18, 99 18, 99 19, 98 19, 98 18))"))], "fixture");
        var path = Path.Combine(_dir, "fixture.csv");
        await File.WriteAllLinesAsync(path,
        [
            Header,
            Row(LatA, LonA, "2026-03-10", "0615", "N20", "VIIRS", "n"),
            Row(LatA, LonA, "2026-03-10", "0705", "N", "VIIRS", "h"),
            Row(LatA, LonA, "2026-03-10", "0745", "N20", "VIIRS", "l"),
            Row(LatA, LonA, "2026-03-10", "0340", "Terra", "MODIS", "80"),
            Row(LatA, LonA, "2026-03-10", "0640", "Aqua", "MODIS", "75"),
            Row(LatA, LonB, "2026-03-10", "0615", "N20", "VIIRS", "n"),
            Row(LatC, LonC, "2026-03-11", "0615", "N20", "VIIRS", "n"),
        ]);
        var stored = await new FirmsImporter(_db.Store).ImportAsync(FirmsInput.Expand([path]).Single(), strict: true);
        Assert.Equal(7, stored.Stored);
        _app = DesktopHost.Build(_db.Store, 0);
        await _app.StartAsync();
        _address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _db.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    // Each instrument with a version of its own collection: a MODIS row marked 2.0NRT is refused (ADR 0020).
    private static string Row(double lat, double lon, string date, string time, string satellite, string instrument, string confidence) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{lat:R},{lon:R},330.5,0.4,0.4,{date},{time},{satellite},{instrument},{confidence},"
            + $"{(instrument == "MODIS" ? "6.1NRT" : "2.0NRT")},290.1,5.5,D");

    [Theory]
    [InlineData(10)]
    [InlineData(8)]
    [InlineData(12)]
    public async Task HeatTile_PixelOfADetection_HasTheClassOfTheHandDensity_FarAwayTransparent(int z)
    {
        var (x, y, column, row) = await PixelOfAsync(LonA, LatA, z);
        // VIIRS (the default): three at A, one at h / 2.
        var viirs = (3 * Peak) + (Peak * 9 / 16);
        Assert.Equal(3, Gis.Core.Hotspots.HeatDensity.ClassOf(viirs));
        using (var tile = await TileAsync($"/api/tiles/heat/{z}/{x}/{y}.png?period={Season}"))
        {
            AssertClassColor(viirs, tile.GetPixel(column, row));
        }
        // 10 km west of A (two bandwidths): nothing reaches it.
        var (farX, farY, farColumn, farRow) = await PixelOfAsync(LonA - 0.095, LatA, z);
        using (var far = await TileAsync($"/api/tiles/heat/{z}/{farX}/{farY}.png?period={Season}"))
            Assert.Equal(0, far.GetPixel(farColumn, farRow).Alpha);

        // Every sensor: the two MODIS detections at A add two peaks.
        using (var all = await TileAsync($"/api/tiles/heat/{z}/{x}/{y}.png?period={Season}&instrument=all"))
            AssertClassColor(viirs + (2 * Peak), all.GetPixel(column, row));
        using (var modis = await TileAsync($"/api/tiles/heat/{z}/{x}/{y}.png?period={Season}&instrument=MODIS"))
            AssertClassColor(2 * Peak, modis.GetPixel(column, row));
        // The next day has only C, far from A.
        using var day = await TileAsync($"/api/tiles/heat/{z}/{x}/{y}.png?period={Season}&day=2026-03-11");
        Assert.Equal(0, day.GetPixel(column, row).Alpha);
    }

    [Fact]
    public async Task HeatTile_DetectionInTheNeighbourTile_ReachesAcrossTheEdge()
    {
        // The zoom-12 tile east of A's: its left edge lies within one bandwidth of A and B, so it is not empty.
        var (x, y, _, row) = await PixelOfAsync(LonA, LatA, 12);
        using var east = await TileAsync($"/api/tiles/heat/12/{x + 1}/{y}.png?period={Season}");
        Assert.NotEqual(0, east.GetPixel(0, row).Alpha);
    }

    [Theory]
    [InlineData("/api/tiles/heat/8/198/114.png", "period is missing")]
    [InlineData("/api/tiles/heat/23/0/0.png?period=season:2569", "zoom 23")]
    [InlineData("/api/tiles/heat/3/9/1.png?period=season:2569", "does not exist")]
    [InlineData("/api/tiles/heat/8/198/114.png?period=season:2569&instrument=GOES", "instrument 'GOES'")]
    [InlineData("/api/tiles/heat/8/198/114.png?period=season:2569&day=2026-07-01", "outside the period")]
    [InlineData("/api/tiles/heat/8/198/114.png?period=season:99", "Buddhist Era")]
    public async Task HeatTile_BadInput_400WithMessage(string path, string message)
    {
        using var http = new HttpClient { BaseAddress = _address };
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(message, body.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    /// <summary>The 512-pixel tile holding the place and its pixel there, from PostGIS (ST_Transform, ST_TileEnvelope).</summary>
    private async Task<(int X, int Y, int Column, int Row)> PixelOfAsync(double lon, double lat, int z)
    {
        var (x, y) = Gis.Core.Spatial.WebTiles.TileOf(lon, lat, z);
        await using var connection = await _db.Store.DataSource.OpenConnectionAsync();
        await using var command = new Npgsql.NpgsqlCommand("""
            SELECT floor((ST_X(p) - ST_XMin(e)) / (ST_XMax(e) - ST_XMin(e)) * 512)::int,
                floor((ST_YMax(e) - ST_Y(p)) / (ST_YMax(e) - ST_YMin(e)) * 512)::int
            FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), 3857) AS p, ST_TileEnvelope($3, $4, $5) AS e) t
            """, connection);
        foreach (var value in new object[] { lon, lat, z, x, y })
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = value });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var (column, row) = (reader.GetInt32(0), reader.GetInt32(1));
        Assert.True(column is >= 0 and < 512 && row is >= 0 and < 512, $"PostGIS puts {lon}, {lat} in tile {z}/{x}/{y} as TileOf does");
        return (x, y, column, row);
    }

    private async Task<SKBitmap> TileAsync(string path)
    {
        using var http = new HttpClient { BaseAddress = _address };
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((512, 512), (bitmap.Width, bitmap.Height));
        return bitmap;
    }

    private static void AssertClassColor(double density, SKColor drawn)
    {
        var expected = MapStyles.Heat[Gis.Core.Hotspots.HeatDensity.ClassOf(density)];
        Assert.True((expected.R, expected.G, expected.B, (byte)255) == (drawn.Red, drawn.Green, drawn.Blue, drawn.Alpha),
            $"density {density:F2} per 100 km²: expected {expected}, drawn {drawn}");
    }
}
