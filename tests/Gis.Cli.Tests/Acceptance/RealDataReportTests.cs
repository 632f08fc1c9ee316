using System.Globalization;
using System.Text.Json;
using Gis.Cli.Tests.Support;
using Gis.TestSupport;

namespace Gis.Cli.Tests.Acceptance;

/// <summary>
/// <c>gis report</c> on real data: the HDX district boundaries of Thailand and the 2026 NOAA-20 detections; the
/// atlas of Chiang Mai's 25 districts, opened with poppler, against <c>gis targets hotspots</c>.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class RealDataReportTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        _db = await PostGis.NewDatabaseAsync();
        _folder = Directory.CreateTempSubdirectory("gis-report-real-").FullName;
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, "import", "boundaries", SharedData.PathOf("boundaries",
            "hdx-thailocate", "amphoe.geojson"))).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, "import", "firms", SharedData.PathOf("firms",
            "viirs-noaa20-nrt-2026"))).ExitCode);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Report_ChiangMai2026_OnePageEachNamesInUnicodeOrderCountsAsTargets()
    {
        var pdf = Path.Combine(_folder, "chiang-mai.pdf");
        var (exit, _, error) = await CliRunner.RunAsync(_db.ConnectionString, "report", "--period", "season:2569", "--out", pdf);
        Assert.True(exit == 0, error);
        var (jsonExit, json, jsonError) = await CliRunner.RunAsync(_db.ConnectionString, "targets", "hotspots", "--period", "season:2569",
            "--format", "json");
        Assert.True(jsonExit == 0, jsonError);
        using var targets = JsonDocument.Parse(json);
        var districts = targets.RootElement.GetProperty("districts").EnumerateArray().ToList();
        Assert.Equal(25, districts.Count);
        Assert.True(districts.Sum(d => d.GetProperty("count").GetInt64()) > 1000,
            "the 2026 snapshots hold thousands of Chiang Mai detections");

        Assert.Equal(1 + 1 + 25, await Pdf.PageCountAsync(pdf));
        var first = await Pdf.TextAsync(pdf, 1);
        var contents = await Pdf.TextAsync(pdf, 2);
        Assert.Contains("สารบัญ", contents, StringComparison.Ordinal);
        for (var i = 0; i < districts.Count; i++)
        {
            var d = districts[i];
            // The names as stored (HDX), compared character for character: Thai marks in the typed order, not as drawn.
            var (code, nameTh) = (d.GetProperty("code").GetString()!, d.GetProperty("name_th").GetString()!);
            var count = d.GetProperty("count").GetInt64().ToString("#,0", CultureInfo.InvariantCulture);
            Assert.Equal(count, Pdf.RowWords(first, nameTh)[1]);
            Assert.Equal(["อำเภอ" + nameTh, $"({code})", (i + 3).ToString(CultureInfo.InvariantCulture)],
                Pdf.LineWords(contents, $"({code})"));
            var page = await Pdf.TextAsync(pdf, i + 3);
            Assert.Contains($"อำเภอ{nameTh} ({code})", page, StringComparison.Ordinal);
            Assert.Contains($"หน้า {i + 3}/27", page, StringComparison.Ordinal);
            Assert.Equal(count, Pdf.LineWords(page, "จุดความร้อน ฤดูไฟ 2569")[3]);
        }
        var province = targets.RootElement.GetProperty("province").GetProperty("count").GetInt64();
        Assert.Equal(province.ToString("#,0", CultureInfo.InvariantCulture), Pdf.RowWords(first, "รวมทั้งจังหวัด")[1]);
    }
}
