using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gis.Core;
using Gis.TestSupport;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Gis.Desktop.Tests.Ogc;

/// <summary>
/// The workstation's OGC API - Features and Tiles (ADR 0030) as GDAL, QGIS and a plain HTTP client see it, every count
/// checked against an independent PostGIS query on the same database.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed partial class OgcApiTests(OgcServer server) : IClassFixture<OgcServer>
{
    /// <summary>Around Chiang Mai city: a part of the sample detections.</summary>
    private static readonly double[] CityBox = [98.8, 18.6, 99.2, 19.0];

    private static string Bbox => string.Join(",", CityBox.Select(v => v.ToString(CultureInfo.InvariantCulture)));

    private Task<long> InCityAsync() => server.Db.ScalarAsync<long>(
        "SELECT count(*) FROM hotspot_counted WHERE ST_Intersects(geom, ST_MakeEnvelope($1, $2, $3, $4, $5))",
        CityBox[0], CityBox[1], CityBox[2], CityBox[3], Srid.Wgs84);

    [Fact]
    public async Task LandingConformanceCollections_CarryTheStandardsRequiredMembers()
    {
        var (landing, type) = await GetAsync("");
        Assert.Equal("application/json", type);
        var rels = landing.GetProperty("links").EnumerateArray()
            .Select(l => (l.GetProperty("rel").GetString(), l.GetProperty("href").GetString())).ToList();
        Assert.Contains(rels, l => l.Item1 is "service-desc" or "service-doc");
        Assert.Contains(rels, l => l.Item1 == "conformance" && l.Item2 == server.Landing + "/conformance");
        Assert.Contains(rels, l => l.Item1 == "data" && l.Item2 == server.Landing + "/collections");

        var (conformance, _) = await GetAsync("/conformance");
        var classes = conformance.GetProperty("conformsTo").EnumerateArray().Select(c => c.GetString()).ToHashSet();
        foreach (var part in new[] { "core", "geojson", "oas30" })
            Assert.Contains($"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/{part}", classes);
        Assert.Contains("http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt", classes);

        var (collections, _) = await GetAsync("/collections");
        Assert.Contains(collections.GetProperty("links").EnumerateArray(), l => l.GetProperty("rel").GetString() == "self");
        var ids = new List<string>();
        foreach (var c in collections.GetProperty("collections").EnumerateArray())
        {
            var id = c.GetProperty("id").GetString()!;
            ids.Add(id);
            Assert.Contains(c.GetProperty("links").EnumerateArray(), l => l.GetProperty("rel").GetString() == "items"
                && l.GetProperty("type").GetString() == "application/geo+json"
                && l.GetProperty("href").GetString() == $"{server.Landing}/collections/{id}/items");
            Assert.Equal("feature", c.GetProperty("itemType").GetString());
            var bbox = c.GetProperty("extent").GetProperty("spatial").GetProperty("bbox")[0].EnumerateArray()
                .Select(v => v.GetDouble()).ToArray();
            Assert.Equal(4, bbox.Length);
            Assert.True(bbox[0] < bbox[2] && bbox[1] < bbox[3], id);
        }
        Assert.Equal(["provinces", "districts", "hotspots", "project-areas", "allocation"], ids);

        // The detections' extent: the box of every counted point, the first and last acquisition instant.
        var (hotspots, _) = await GetAsync("/collections/hotspots");
        var extent = hotspots.GetProperty("extent");
        Assert.Equal(await server.Db.ScalarAsync<double>("SELECT ST_XMin(ST_Extent(geom)) FROM hotspot_counted"),
            extent.GetProperty("spatial").GetProperty("bbox")[0][0].GetDouble());
        var interval = extent.GetProperty("temporal").GetProperty("interval")[0];
        const string Rfc3339 = "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'";
        Assert.Equal(await server.Db.ScalarAsync<string>($"SELECT to_char(min(acquired_utc) AT TIME ZONE 'UTC', {Rfc3339}) "
            + "FROM hotspot_counted"), interval[0].GetString());
        Assert.Equal(await server.Db.ScalarAsync<string>($"SELECT to_char(max(acquired_utc) AT TIME ZONE 'UTC', {Rfc3339}) "
            + "FROM hotspot_counted"), interval[1].GetString());

        using var api = await server.Http.GetAsync(new Uri(server.Landing + "/api"));
        Assert.Equal("application/vnd.oai.openapi+json", api.Content.Headers.ContentType!.MediaType);
        using var definition = JsonDocument.Parse(await api.Content.ReadAsStringAsync());
        Assert.StartsWith("3.0", definition.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.True(definition.RootElement.GetProperty("paths").TryGetProperty("/collections/{collectionId}/items", out _));
    }

    [Fact]
    public async Task Gdal_ListsEveryCollection_AndCountsWhatPostGisCounts()
    {
        var layers = await OgcServer.RunAsync("ogrinfo", ["-ro", "-so", "OAPIF:" + server.Landing]);
        foreach (var id in new[] { "provinces", "districts", "hotspots", "project-areas", "allocation" })
            Assert.Contains($": {id} ", layers, StringComparison.Ordinal);

        foreach (var (id, sql) in new[]
        {
            ("hotspots", "SELECT count(*) FROM hotspot_counted"),
            ("districts", "SELECT count(*) FROM admin_area WHERE level = 4"),
            ("project-areas", "SELECT count(*) FROM project_area"),
            ("allocation", "SELECT count(*) FROM district_allocation"),
        })
        {
            var summary = await OgcServer.RunAsync("ogrinfo", ["-ro", "-so", "OAPIF:" + server.Landing, id]);
            var expected = await server.Db.ScalarAsync<long>(sql);
            Assert.True(expected > 0, id);
            Assert.Equal(expected, long.Parse(FeatureCount().Match(summary).Groups[1].Value, CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task Ogr2ogrWithBbox_CopiesEveryDetectionInTheBoxOnce()
    {
        var dir = Directory.CreateTempSubdirectory("ogc-ogr2ogr-").FullName;
        try
        {
            var output = Path.Combine(dir, "hotspots.geojson");
            await OgcServer.RunAsync("ogr2ogr", ["-f", "GeoJSON", output, "OAPIF:" + server.Landing, "hotspots", "-oo", "PAGE_SIZE=50",
                "-spat", .. CityBox.Select(v => v.ToString(CultureInfo.InvariantCulture))]);
            using var copied = JsonDocument.Parse(await File.ReadAllTextAsync(output));
            var features = copied.RootElement.GetProperty("features").EnumerateArray().ToList();
            var expected = await InCityAsync();
            // More than one page of 50, and not every detection: the box narrowed it.
            Assert.InRange(expected, 51, await server.Db.ScalarAsync<long>("SELECT count(*) - 1 FROM hotspot_counted"));
            Assert.Equal(expected, features.Count);
            Assert.Equal(expected, features.Select(f => f.GetProperty("properties").GetProperty("acquired_utc").GetString()
                + f.GetProperty("geometry").GetRawText()).Distinct().Count());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task PagingOverALimit_ReturnsEveryFeatureExactlyOnceInKeyOrder()
    {
        var expected = await InCityAsync();
        var ids = new List<long>();
        long? matched = null;
        var next = $"{server.Landing}/collections/hotspots/items?bbox={Bbox}&limit=7";
        var pages = 0;
        while (next is not null)
        {
            using var response = await server.Http.GetAsync(new Uri(next));
            Assert.Equal("application/geo+json", response.Content.Headers.ContentType!.MediaType);
            using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var root = page.RootElement;
            if (pages++ == 0)
                matched = root.GetProperty("numberMatched").GetInt64();
            var features = root.GetProperty("features").EnumerateArray().ToList();
            Assert.Equal(features.Count, root.GetProperty("numberReturned").GetInt32());
            Assert.InRange(features.Count, 1, 7);
            ids.AddRange(features.Select(f => f.GetProperty("id").GetInt64()));
            next = root.GetProperty("links").EnumerateArray().Where(l => l.GetProperty("rel").GetString() == "next")
                .Select(l => l.GetProperty("href").GetString()).SingleOrDefault();
        }
        Assert.Equal(expected, matched.GetValueOrDefault(-1));
        Assert.Equal(expected, ids.Count);
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal((expected + 6) / 7, pages);
    }

    [Theory]
    [InlineData("bbox=98.8,18.6,99.2", "four numbers")]
    [InlineData("bbox=98.8,18.6,east,19.0", "'east' is not a number")]
    [InlineData("bbox=98.8,19.0,99.2,18.6", "south edge")]
    [InlineData("bbox=98.8,18.6,199.2,19.0", "longitudes")]
    [InlineData("datetime=yesterday", "'yesterday' is not an RFC 3339")]
    [InlineData("datetime=2026-03-15T06:00:00", "not an RFC 3339")]
    [InlineData("datetime=2026-05-01/2026-01-01", "ends before it starts")]
    [InlineData("datetime=../..", "open at both ends")]
    [InlineData("datetime=2569-03-15", "Buddhist Era")]
    [InlineData("limit=0", "at least 1")]
    [InlineData("limit=ten", "not a whole number")]
    [InlineData("instrument=GOES", "GOES")]
    [InlineData("color=red", "unknown parameter 'color'")]
    [InlineData("after=abc", "not a key")]
    [InlineData("f=html", "JSON only")]
    public async Task BadParameter_400WithAMessageNamingIt(string query, string message)
    {
        using var response = await server.Http.GetAsync(new Uri($"{server.Landing}/collections/hotspots/items?{query}"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("InvalidParameterValue", body.RootElement.GetProperty("code").GetString());
        Assert.Contains(message, body.RootElement.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcceptWithoutJson_406_AcceptingJsonOrAnything_Served()
    {
        foreach (var (accept, status) in new[] { ("text/html", 406), ("application/geo+json", 200), ("text/html, */*;q=0.8", 200) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.Landing + "/collections/districts/items?limit=1"));
            request.Headers.TryAddWithoutValidation("Accept", accept);
            using var response = await server.Http.SendAsync(request);
            Assert.Equal(status, (int)response.StatusCode);
        }
    }

    [Theory]
    [InlineData("/collections/rivers")]
    [InlineData("/collections/rivers/items")]
    [InlineData("/collections/districts/items/9999")]
    [InlineData("/collections/hotspots/items/123456789")]
    [InlineData("/collections/districts/tiles")]
    [InlineData("/tileMatrixSets/WorldCRS84Quad")]
    [InlineData("/collections/hotspots/tiles/WebMercatorQuad/3/8/1")]
    public async Task UnknownCollectionFeatureOrTile_404(string path)
    {
        using var response = await server.Http.GetAsync(new Uri(server.Landing + path));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("NotFound", body.RootElement.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("2026-03-01/2026-03-31", "local_day BETWEEN '2026-03-01' AND '2026-03-31'")]
    [InlineData("2026-03-15", "local_day = '2026-03-15'")]
    [InlineData("2026-04-01/..", "local_day >= '2026-04-01'")]
    [InlineData("../2025-02-28", "local_day <= '2025-02-28'")]
    [InlineData("2026-03-10T00:00:00Z/2026-03-12T06:00:00Z", "acquired_utc BETWEEN '2026-03-10T00:00:00Z' AND '2026-03-12T06:00:00Z'")]
    [InlineData("2026-03-10T07:00:00+07:00/2026-03-12T13:00:00+07:00",
        "acquired_utc BETWEEN '2026-03-10T00:00:00Z' AND '2026-03-12T06:00:00Z'")]
    public async Task Datetime_SelectsByAcquisition_ADateBeingABangkokDay(string datetime, string condition)
    {
        var expected = await server.Db.ScalarAsync<long>("SELECT count(*) FROM hotspot_counted WHERE " + condition);
        Assert.True(expected > 0);
        var (page, _) = await GetAsync($"/collections/hotspots/items?limit=1&datetime={Uri.EscapeDataString(datetime)}");
        Assert.Equal(expected, page.GetProperty("numberMatched").GetInt64());
    }

    [Fact]
    public async Task AnInstant_SelectsTheDetectionsOfThatInstant()
    {
        var instant = await server.Db.ScalarAsync<string>(
            "SELECT to_char(acquired_utc AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM hotspot_counted ORDER BY id LIMIT 1");
        var (page, _) = await GetAsync($"/collections/hotspots/items?datetime={instant}");
        Assert.Equal(
            await server.Db.ScalarAsync<long>("SELECT count(*) FROM hotspot_counted WHERE acquired_utc = $1::timestamptz", instant),
            page.GetProperty("numberMatched").GetInt64());
        Assert.All(page.GetProperty("features").EnumerateArray(),
            f => Assert.Equal(instant, f.GetProperty("properties").GetProperty("acquired_utc").GetString()));
    }

    [Fact]
    public async Task Districts_CarryTheLatestSavedRunOfEachKindWithItsParameters()
    {
        var (page, _) = await GetAsync("/collections/districts/items?limit=100");
        var features = page.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(25, features.Count);
        Assert.Equal(25, page.GetProperty("numberMatched").GetInt64());
        var counts = await server.Db.ScalarAsync<string>(
            "SELECT string_agg(district_code || '=' || count, ',' ORDER BY district_code) FROM hotspot_target_result WHERE run_id = $1",
            server.LatestHotspotRun);
        Assert.Equal(counts, string.Join(",", features.Select(f => f.GetProperty("id").GetString() + "="
            + f.GetProperty("properties").GetProperty("hotspot_count").GetInt64().ToString(CultureInfo.InvariantCulture))));
        var first = features[0].GetProperty("properties");
        Assert.Equal(server.LatestHotspotRun, first.GetProperty("hotspot_run_id").GetInt64());
        Assert.Equal("season:2568", first.GetProperty("hotspot_period").GetString());
        Assert.Equal("VIIRS", first.GetProperty("hotspot_instrument").GetString());
        Assert.Equal(2565, first.GetProperty("green_from_snapshot").GetInt32());
        Assert.Equal(await server.Db.ScalarAsync<double>(
                "SELECT net_rai FROM green_target_result WHERE district_code = $1 ORDER BY run_id DESC LIMIT 1",
                features[0].GetProperty("id").GetString()!),
            first.GetProperty("green_net_rai").GetDouble());

        var (one, type) = await GetAsync("/collections/districts/items/5001");
        Assert.Equal("application/geo+json", type);
        Assert.Equal("5001", one.GetProperty("id").GetString());
        Assert.Equal(features.Single(f => f.GetProperty("id").GetString() == "5001").GetProperty("properties").GetRawText(),
            one.GetProperty("properties").GetRawText());
    }

    [Fact]
    public async Task Tiles_AreTheWorkstationsOwnVectorTiles()
    {
        var (tilesets, _) = await GetAsync("/collections/hotspots/tiles");
        var tileset = tilesets.GetProperty("tilesets")[0];
        Assert.Equal("vector", tileset.GetProperty("dataType").GetString());
        Assert.Contains(tileset.GetProperty("links").EnumerateArray(), l => l.GetProperty("rel").GetString() == "item"
            && l.GetProperty("href").GetString()
                == server.Landing + "/collections/hotspots/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}");
        var (set, _) = await GetAsync("/tileMatrixSets/WebMercatorQuad");
        var matrix8 = set.GetProperty("tileMatrices")[8];
        Assert.Equal(256, matrix8.GetProperty("matrixWidth").GetInt32());
        Assert.Equal(611.49622628141, matrix8.GetProperty("cellSize").GetDouble(), 1e-9);

        // Tile matrix 8, row 114, column 198 holds Chiang Mai: the same bytes as the page's tile of the season.
        var ogc = await server.Http.GetByteArrayAsync(new Uri(server.Landing
            + "/collections/hotspots/tiles/WebMercatorQuad/8/114/198?datetime=2026-01-01/2026-05-31"));
        var page = await server.Http.GetByteArrayAsync(new Uri(server.Landing[..^"/ogc".Length]
            + "/api/tiles/hotspots/8/198/114.pbf?period=season:2569&instrument=all"));
        Assert.NotEmpty(ogc);
        Assert.Equal(page, ogc);
        var everyDay = await server.Http.GetByteArrayAsync(
            new Uri(server.Landing + "/collections/hotspots/tiles/WebMercatorQuad/8/114/198"));
        Assert.True(everyDay.Length > ogc.Length, "every stored day draws more than one season");
    }

    [Fact]
    public async Task WithAnAccessToken_OgcAnswers401WithoutItLikeTheRestOfTheApi()
    {
        const string Token = "a-long-enough-test-token";
        await using var app = DesktopHost.Build(server.Db.Store, new DesktopOptions(0, IPAddress.Loopback, Token));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var anonymous = await server.Http.GetAsync(new Uri(address + "/ogc/collections"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var withToken = new HttpRequestMessage(HttpMethod.Get, new Uri(address + "/ogc/collections/hotspots/items?limit=1"));
        withToken.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        using var served = await server.Http.SendAsync(withToken);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        // GDAL sends the header it is given, and then reads the collections like any client.
        var summary = await OgcServer.RunAsync("ogrinfo", ["-ro", "-so", "--config", "GDAL_HTTP_HEADERS", "Authorization: Bearer " + Token,
            "OAPIF:" + address + "/ogc", "districts"]);
        Assert.Matches(FeatureCount(), summary);
        await app.StopAsync();
    }

    [Fact]
    public async Task Qgis_OpensTheCollectionsWithTheirFeatureCounts()
    {
        var output = await OgcServer.RunAsync("/usr/bin/python3",
            [Path.Combine(AppContext.BaseDirectory, "Ogc", "Qgis", "open_oapif.py"), server.Landing, "districts", "hotspots",
                "project-areas"],
            new Dictionary<string, string> { ["QT_QPA_PLATFORM"] = "offscreen" });
        using var result = JsonDocument.Parse(output);
        foreach (var (id, sql) in new[]
        {
            ("districts", "SELECT count(*) FROM admin_area WHERE level = 4"),
            ("hotspots", "SELECT count(*) FROM hotspot_counted"),
            ("project-areas", "SELECT count(*) FROM project_area"),
        })
        {
            var layer = result.RootElement.GetProperty(id);
            Assert.True(layer.GetProperty("valid").GetBoolean(), $"{id}: {result.RootElement.GetProperty("log")}");
            var expected = await server.Db.ScalarAsync<long>(sql);
            Assert.Equal(expected, layer.GetProperty("features").GetInt64());
            Assert.Equal(expected, layer.GetProperty("with_geometry").GetInt64());
        }
        Assert.Contains("hotspot_status", result.RootElement.GetProperty("districts").GetProperty("fields").EnumerateArray()
            .Select(f => f.GetString()));
    }

    private async Task<(JsonElement Body, string? Type)> GetAsync(string path)
    {
        using var response = await server.Http.GetAsync(new Uri(server.Landing + path));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        using var json = JsonDocument.Parse(text);
        return (json.RootElement.Clone(), response.Content.Headers.ContentType?.MediaType);
    }

    [GeneratedRegex(@"Feature Count: (\d+)")]
    private static partial Regex FeatureCount();
}
