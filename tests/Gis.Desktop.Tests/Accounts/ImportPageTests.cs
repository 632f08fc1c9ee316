using System.Net;
using System.Text;
using System.Text.Json;
using Gis.Desktop.Tests.Web;
using Gis.Importers.Firms;
using Gis.TestSupport;
using Microsoft.Playwright;

namespace Gis.Desktop.Tests.Accounts;

/// <summary>
/// An officer imports a FIRMS file from the page (ADR 0042): the district's count on the page grows by the hand-counted
/// detections, the batch names the account; a viewer posting the same file is refused and nothing is stored; a file that
/// is no FIRMS CSV, or a strict import with a bad line, is refused naming the line and stores nothing.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
[Trait(Needs.Trait, Needs.Browser)]
public sealed class ImportPageTests : AccountBrowserTest
{
    private const string MaeChaem = "5003";

    /// <summary>
    /// Line 1 the header; lines 2-4 three NOAA-20 detections in Mae Chaem on 10 Feb 2026; line 5 repeats line 2
    /// (a duplicate); line 6 has no latitude (rejected). Hand count: 5 read, 3 stored, 1 duplicate, 1 rejected, 1 day.
    /// </summary>
    private static readonly byte[] Fixture = Encoding.UTF8.GetBytes(FirmsCsv.Header + "\n"
        + "18.575,98.355,330.5,0.4,0.4,2026-02-10,0610,N20,VIIRS,n,2.0NRT,290.1,5.5,D\n"
        + "18.576,98.356,330.5,0.4,0.4,2026-02-10,0611,N20,VIIRS,n,2.0NRT,290.1,5.5,D\n"
        + "18.577,98.357,330.5,0.4,0.4,2026-02-10,0612,N20,VIIRS,h,2.0NRT,290.1,7.5,D\n"
        + "18.575,98.355,330.5,0.4,0.4,2026-02-10,0610,N20,VIIRS,n,2.0NRT,290.1,5.5,D\n"
        + ",98.358,330.5,0.4,0.4,2026-02-10,0613,N20,VIIRS,n,2.0NRT,290.1,5.5,D\n");

    private static readonly string[] Counts = ["read", "stored", "duplicate", "rejected"];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // Two detections stored before, on another day of the same season: the page starts at 2 in Mae Chaem.
        await new FirmsImporter(Server.Db.Store).ImportAsync(FirmsCsv.Detections("before.csv", 18.58, 98.36, "2026-02-01", 2), false);
    }

    [Fact]
    public async Task Officer_UploadsFromThePage_CountGrowsByTheStoredDetections_BatchNamesTheAccount()
    {
        var page = await SignInAsync("malee", "en");
        await page.EvaluateAsync("code => gis.selectDistrict(code)", MaeChaem);
        Assert.Equal("2", await page.InnerTextAsync("#hotspot-numbers td[data-field='count']"));

        await page.ClickAsync("#import-open");
        await page.SetInputFilesAsync("#import-file",
            new FilePayload { Name = "fire_nrt_J1V-C2.csv", MimeType = "text/csv", Buffer = Fixture });
        await page.ClickAsync("#import-run");
        await page.WaitForSelectorAsync("#import-result[data-done]");
        Assert.Equal("ok", await page.GetAttributeAsync("#import-result", "data-done"));

        var shown = await page.InnerTextAsync("#import-result");
        Assert.Equal(["5", "3", "1", "1"],
            await Task.WhenAll(Counts.Select(f => page.InnerTextAsync($"#import-result td[data-field='{f}']"))));
        Assert.Contains("line 6:", shown, StringComparison.Ordinal);
        Assert.Contains("10 Feb 2026 – 10 Feb 2026 (1)", shown, StringComparison.Ordinal);
        Assert.Contains("malee", shown, StringComparison.Ordinal);
        // The page read its numbers again: 2 before, 3 stored.
        Assert.Equal("5", await page.InnerTextAsync("#hotspot-numbers td[data-field='count']"));
        await DesktopFixture.ScreenshotAsync(page, "import-officer");

        Assert.Equal(5, await Server.Db.ScalarAsync<long>("SELECT count(*) FROM hotspot"));
        Assert.Equal("malee fire_nrt_J1V-C2.csv 3", await Server.Db.ScalarAsync<string>(
            "SELECT imported_by || ' ' || source || ' ' || rows_stored FROM import_batch WHERE imported_by IS NOT NULL"));
        Assert.Equal(1, await Server.Db.ScalarAsync<long>(
            "SELECT count(*) FROM import_rejection r JOIN import_batch b ON b.id = r.batch_id WHERE b.imported_by = 'malee' AND line = 6"));
    }

    [Fact]
    public async Task Viewer_PostsTheFileDirectly_403_NothingStored()
    {
        using var somchai = await Server.SignedInAsync("somchai");

        using var response = await PostAsync(somchai, "fire.csv", Fixture);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("officer", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await Server.Db.ScalarAsync<long>("SELECT count(*) FROM hotspot"));
        Assert.Equal(1, await Server.Db.ScalarAsync<long>("SELECT count(*) FROM import_batch"));
    }

    [Fact]
    public async Task NotAFirmsFile_400NamingTheLineAndProblem_NothingStored()
    {
        using var malee = await Server.SignedInAsync("malee");

        using var response = await PostAsync(malee, "districts.csv", Encoding.UTF8.GetBytes("code,name\n5003,Mae Chaem\n"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ErrorAsync(response);
        Assert.StartsWith("districts.csv: not a FIRMS CSV file", error, StringComparison.Ordinal);
        Assert.Contains("latitude", error, StringComparison.Ordinal);
        Assert.DoesNotContain("gis-upload-", error, StringComparison.Ordinal);
        Assert.Equal(2, await Server.Db.ScalarAsync<long>("SELECT count(*) FROM hotspot"));
        Assert.Equal(1, await Server.Db.ScalarAsync<long>("SELECT count(*) FROM import_batch"));
    }

    [Fact]
    public async Task Strict_OneBadLine_400NamingIt_NothingStored()
    {
        using var malee = await Server.SignedInAsync("malee");

        using var response = await PostAsync(malee, "fire.csv", Fixture, strict: true);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("fire.csv: 1 unreadable line(s), first line 6: ", await ErrorAsync(response), StringComparison.Ordinal);
        Assert.Equal(2, await Server.Db.ScalarAsync<long>("SELECT count(*) FROM hotspot"));
        // The refusal is recorded, as for gis import firms --strict, naming who sent it.
        Assert.Equal("refused malee", await Server.Db.ScalarAsync<string>(
            "SELECT status || ' ' || imported_by FROM import_batch WHERE source = 'fire.csv'"));
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string name, byte[] body, bool strict = false)
    {
        var query = "/api/imports/firms?name=" + Uri.EscapeDataString(name) + (strict ? "&strict=true" : "");
        return client.PostAsync(new Uri(query, UriKind.Relative), new ByteArrayContent(body));
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("error").GetString() ?? "";
    }
}
