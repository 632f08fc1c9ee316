using System.Globalization;
using System.Text;
using Gis.Cli.Commands;
using Gis.Cli.Tests.Db;
using Gis.Cli.Tests.Support;
using Gis.Core.Time;
using Gis.Importers.Alerts;
using Gis.TestSupport;
using MimeKit;

namespace Gis.Cli.Tests.Alerts;

/// <summary>
/// <c>gis alerts</c> on a hand-made FIRMS file: six detections of today placed in two districts, outside them and near a
/// drawn square; one message per rule and channel with the hand count, delivered by e-mail (STARTTLS, login) and
/// webhook (JSON, LINE), and nothing told twice (the same file again, standard data replacing the NRT records).
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
[Collection(GisHomeGroup.Name)]
public sealed class AlertsCommandTests : IAsyncLifetime, IDisposable
{
    private static readonly string Districts = SharedData.PathOf("boundaries", "hdx-thailocate", "chiangmai_amphoe_TH50.geojson");
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G'];
    private readonly string _folder = Directory.CreateTempSubdirectory("gis-alerts-").FullName;
    private readonly AlertEnvironment _env = new();
    private TestDatabase _db = null!;

    // Yesterday or today (UTC), 01:00 + minutes: inside the default two days, one UTC day for every pass.
    private readonly DateTime _pass = DateTime.UtcNow.AddHours(-6).Date.AddHours(1);

    private (string Code, string Name, double Lon, double Lat) _a, _b;

    public async Task InitializeAsync()
    {
        _db = await PostGis.NewDatabaseAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(_db.ConnectionString, "import", "boundaries", Districts)).ExitCode);
        _a = await DistrictPointAsync(0);
        _b = await DistrictPointAsync(1);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    public void Dispose()
    {
        _env.Dispose();
        Directory.Delete(_folder, true);
    }

    /// <summary>The <paramref name="n"/>th district by code, its Thai name and a point well inside it.</summary>
    private async Task<(string, string, double, double)> DistrictPointAsync(int n)
    {
        var code = await _db.ScalarAsync<string>("SELECT code FROM admin_area WHERE level = 4 ORDER BY code OFFSET $1 LIMIT 1", n);
        var name = await _db.ScalarAsync<string>("SELECT name_th FROM admin_area WHERE code = $1", code);
        var lon = await _db.ScalarAsync<double>(
            "SELECT ST_X((ST_MaximumInscribedCircle(geom)).center) FROM admin_area WHERE code = $1", code);
        var lat = await _db.ScalarAsync<double>(
            "SELECT ST_Y((ST_MaximumInscribedCircle(geom)).center) FROM admin_area WHERE code = $1", code);
        return (code, name, lon, lat);
    }

    /// <summary>A FIRMS VIIRS file of the given rows (lon, lat, minute after the pass, confidence, FRP, satellite, version).</summary>
    private string File(string name, params (double Lon, double Lat, int Minute, char Confidence, double Frp, string Satellite,
        string Version)[] rows)
    {
        var text = new StringBuilder(FirmsCsv.Header).Append('\n');
        foreach (var r in rows)
        {
            var at = _pass.AddMinutes(r.Minute);
            text.Append(CultureInfo.InvariantCulture,
                $"{r.Lat:0.#####},{r.Lon:0.#####},330.5,0.4,0.4,{at:yyyy-MM-dd},{at:HHmm},{r.Satellite},VIIRS,{r.Confidence},"
                + $"{r.Version},290.1,{r.Frp},D\n");
        }
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, text.ToString());
        return path;
    }

    private Task<(int ExitCode, string Output, string Error)> GisAsync(params string[] args) =>
        CliRunner.RunAsync(_db.ConnectionString, args);

    private async Task AddAsync(params string[] args)
    {
        var run = await GisAsync(["alerts", "add", .. args]);
        Assert.True(run.ExitCode == 0, run.Error);
    }

    /// <summary>Rule a-mail on district A, and an NRT file of two detections in A: one message queued.</summary>
    private async Task TwoQueuedInAAsync()
    {
        await AddAsync("a-mail", "--district", _a.Code, "--email", "officer@a.example");
        Assert.Equal(0, (await GisAsync("import", "firms", File("nrt.csv",
            (_a.Lon, _a.Lat, 0, 'n', 5, "N20", "2.0NRT"), (_a.Lon + 0.001, _a.Lat, 1, 'h', 20, "N20", "2.0NRT")))).ExitCode);
        Assert.Equal(1, await OutboxAsync());
    }

    private Task<long> OutboxAsync() => _db.ScalarAsync<long>("SELECT count(*) FROM alert_outbox");

    [Fact]
    public async Task NewDetections_OneMessagePerRuleAndChannel_WithTheHandCountAndMap_ToldOnce()
    {
        // A square 0.05° wide near Bangkok, outside every stored district; one detection 0.06° east of its east edge,
        // 6.5 km at 13.7° N: inside a 7,000 m buffer, outside a 5,000 m one.
        var (west, south) = (100.5, 13.7);
        var square = string.Create(CultureInfo.InvariantCulture,
            $"POLYGON(({west} {south}, {west + 0.05} {south}, {west + 0.05} {south + 0.05}, {west} {south + 0.05}, {west} {south}))");
        await AddAsync("a-mail", "--district", _a.Code, "--email", "officer@a.example,chief@a.example");
        await AddAsync("province-hook", "--province", "50", "--min-confidence", "n", "--webhook", _env.Webhook.Url("json"));
        await AddAsync("b-line", "--district", _b.Code, "--min-frp", "10", "--webhook", _env.Webhook.Url("line"), "--webhook-format",
            "line", "--line-to", "U0123", "--lang", "en");
        await AddAsync("near-7km", "--polygon", square, "--buffer", "7000", "--webhook", _env.Webhook.Url("near7"));
        await AddAsync("near-5km", "--polygon", square, "--buffer", "5000", "--webhook", _env.Webhook.Url("near5"));
        var refused = await GisAsync("alerts", "add", "twice", "--district", _a.Code, "--province", "50", "--email", "x@a.example");
        Assert.Equal(GisCommand.Refused, refused.ExitCode);
        Assert.Contains("exactly one area", refused.Error, StringComparison.Ordinal);

        var file = File("today.csv",
            (_a.Lon, _a.Lat, 0, 'n', 5, "N20", "2.0NRT"), (_a.Lon + 0.001, _a.Lat, 1, 'h', 20, "N20", "2.0NRT"),
            (_a.Lon + 0.002, _a.Lat, 2, 'l', 2, "N20", "2.0NRT"),
            (_b.Lon, _b.Lat, 3, 'h', 30, "N20", "2.0NRT"), (_b.Lon + 0.001, _b.Lat, 4, 'n', 1, "N20", "2.0NRT"),
            (west + 0.11, south + 0.02, 5, 'l', 1, "N20", "2.0NRT"));
        var import = await GisAsync("import", "firms", file);
        Assert.True(import.ExitCode == 0, import.Error);
        // a-mail: A's 3; province-hook: A's n, h and B's h, n (4); b-line: B's 30 MW (1); near-7km: 1; near-5km: none.
        Assert.Equal(4, await OutboxAsync());
        Assert.Contains("\n  4 alert messages queued\n", import.Output, StringComparison.Ordinal);

        // What 'test' shows before delivery: nothing left to tell (all queued); it wrote nothing.
        var test = await GisAsync("alerts", "test", "a-mail");
        Assert.Contains("no detection to tell about now", test.Output, StringComparison.Ordinal);

        var deliver = await GisAsync("alerts", "deliver");
        Assert.True(deliver.ExitCode == 0, deliver.Error);
        Assert.Contains("4 delivered, 0 failed, 0 waiting", deliver.Output, StringComparison.Ordinal);

        var mail = Assert.Single(_env.Smtp.Messages);
        Assert.Equal(1, _env.Smtp.TlsSessions);
        Assert.Equal(["officer@a.example", "chief@a.example"], mail.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("จุดความร้อนใหม่ 3 จุด: a-mail", mail.Subject);
        Assert.Contains($"อำเภอ{_a.Name} ({_a.Code}): 3", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:8750/", mail.TextBody, StringComparison.Ordinal);
        var png = Assert.Single(mail.Attachments.OfType<MimePart>());
        Assert.Equal("hotspots.png", png.FileName);
        using (var bytes = new MemoryStream())
        {
            await png.Content!.DecodeToAsync(bytes);
            Assert.Equal(PngSignature, bytes.ToArray()[..4]);
        }

        var posts = _env.Webhook.Posts.ToDictionary(p => p.Path);
        Assert.Equal(["/json", "/line", "/near7"], posts.Keys.Order(StringComparer.Ordinal));
        Assert.All(posts.Values, p => Assert.Equal("Bearer " + AlertEnvironment.Token, p.Authorization));
        var json = posts["/json"].Body;
        Assert.Equal(4, json.GetProperty("count").GetInt32());
        Assert.Equal(4, json.GetProperty("detections").GetArrayLength());
        Assert.Equal(new Dictionary<string, int> { [_a.Code] = 2, [_b.Code] = 2 }, json.GetProperty("districts").EnumerateArray()
            .ToDictionary(d => d.GetProperty("code").GetString()!, d => d.GetProperty("count").GetInt32()));
        Assert.Equal(PngSignature, Convert.FromBase64String(json.GetProperty("mapPngBase64").GetString()!)[..4]);
        var line = posts["/line"].Body;
        Assert.Equal("U0123", line.GetProperty("to").GetString());
        var lineText = line.GetProperty("messages")[0].GetProperty("text").GetString()!;
        Assert.StartsWith("1 new fire hotspot: b-line", lineText, StringComparison.Ordinal);
        Assert.Equal(1, posts["/near7"].Body.GetProperty("count").GetInt32());
        var secrets = import.Output + import.Error + deliver.Output + deliver.Error;
        Assert.DoesNotContain(AlertEnvironment.Password, secrets, StringComparison.Ordinal);
        Assert.DoesNotContain(AlertEnvironment.Token, secrets, StringComparison.Ordinal);

        // The same file again stores nothing new and queues nothing; a second pass sends nothing.
        Assert.Equal(0, (await GisAsync("import", "firms", file)).ExitCode);
        Assert.Equal(4, await OutboxAsync());
        Assert.Contains("0 delivered, 0 failed, 0 waiting", (await GisAsync("alerts", "deliver")).Output, StringComparison.Ordinal);
        Assert.Single(_env.Smtp.Messages);
        Assert.Equal(3, _env.Webhook.Posts.Count);

        // A rule added now would tell about A's 3: 'test' prints that and writes nothing.
        await AddAsync("a-later", "--district", _a.Code, "--email", "new@a.example", "--lang", "en");
        var told = await _db.ScalarAsync<long>("SELECT count(*) FROM alert_sent_detection");
        var later = await GisAsync("alerts", "test", "a-later", "--map", Path.Combine(_folder, "test.png"));
        Assert.True(later.ExitCode == 0, later.Error);
        Assert.Contains("3 new fire hotspots: a-later", later.Output, StringComparison.Ordinal);
        Assert.Equal(PngSignature, (await System.IO.File.ReadAllBytesAsync(Path.Combine(_folder, "test.png")))[..4]);
        Assert.Equal(told, await _db.ScalarAsync<long>("SELECT count(*) FROM alert_sent_detection"));
        Assert.Equal(4, await OutboxAsync());

        var list = await GisAsync("alerts", "list", "--format", "csv");
        Assert.Contains("a-mail,", list.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await GisAsync("alerts", "remove", "a-later")).ExitCode);
        Assert.Equal(GisCommand.Refused, (await GisAsync("alerts", "remove", "a-later")).ExitCode);
    }

    [Fact]
    public async Task StandardReplacingNrt_DoesNotAlertAgain_ButANewPassDoes()
    {
        await TwoQueuedInAAsync();

        // The standard data of the same pass: both detections again, one of them moved, and one added by reprocessing.
        var standard = await GisAsync("import", "firms", File("standard.csv",
            (_a.Lon, _a.Lat, 0, 'n', 5, "N20", "2.0"), (_a.Lon + 0.0015, _a.Lat, 1, 'h', 20, "N20", "2.0"),
            (_a.Lon + 0.003, _a.Lat, 2, 'n', 7, "N20", "2.0")));
        Assert.True(standard.ExitCode == 0, standard.Error);
        // The supersede happened (the standard rows count now, the NRT ones not), and nothing was queued for it.
        Assert.Equal(3, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot_counted"));
        Assert.Equal(2, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot WHERE superseded_by_batch IS NOT NULL"));
        Assert.Equal(1, await OutboxAsync());

        Assert.Contains("\n  0 alert messages queued\n", standard.Output, StringComparison.Ordinal);

        // Another satellite's standard pass over A is news: one more message, of 1.
        var snpp = await GisAsync("import", "firms", File("snpp.csv", (_a.Lon, _a.Lat, 40, 'n', 5, "N", "2.0")), "--json");
        Assert.True(snpp.ExitCode == 0, snpp.Error);
        Assert.Equal(1, System.Text.Json.JsonDocument.Parse(snpp.Output).RootElement.GetProperty("batches")[0]
            .GetProperty("alerts_queued").GetInt32());
        Assert.Equal(2, await OutboxAsync());
        Assert.Equal(0, (await GisAsync("alerts", "deliver")).ExitCode);
        Assert.Equal(["จุดความร้อนใหม่ 2 จุด: a-mail", "จุดความร้อนใหม่ 1 จุด: a-mail"], _env.Smtp.Messages.Select(m => m.Subject));
    }

    [Fact]
    public async Task Remove_HoldsTheUndeliveredMessages_RestoreBringsThemBack()
    {
        await TwoQueuedInAAsync();

        var removed = await GisAsync("alerts", "remove", "a-mail");
        Assert.True(removed.ExitCode == 0, removed.Error);
        Assert.Contains("its 1 message not yet delivered is held, not sent. 'gis alerts restore a-mail' brings it back.", removed.Output,
            StringComparison.Ordinal);
        // Held: not delivered, not waiting, not listed; a removed rule queues nothing.
        Assert.Contains("0 delivered, 0 failed, 0 waiting", (await GisAsync("alerts", "deliver")).Output, StringComparison.Ordinal);
        Assert.Empty(_env.Smtp.Messages);
        Assert.DoesNotContain("a-mail", (await GisAsync("alerts", "list", "--format", "csv")).Output, StringComparison.Ordinal);
        Assert.Equal(0, (await GisAsync("import", "firms", File("second.csv", (_a.Lon, _a.Lat, 30, 'n', 5, "N20", "2.0NRT")))).ExitCode);
        Assert.Equal(1, await OutboxAsync());

        var restored = await GisAsync("alerts", "restore", "a-mail");
        Assert.True(restored.ExitCode == 0, restored.Error);
        Assert.Contains("Restored alert rule a-mail with 1 message to deliver.", restored.Output, StringComparison.Ordinal);
        Assert.Contains("1 delivered, 0 failed, 0 waiting", (await GisAsync("alerts", "deliver")).Output, StringComparison.Ordinal);
        Assert.Equal("จุดความร้อนใหม่ 2 จุด: a-mail", Assert.Single(_env.Smtp.Messages).Subject);

        // Without undelivered messages; then its name is free for a new rule, and the old one cannot come back over it.
        var again = await GisAsync("alerts", "remove", "a-mail");
        Assert.Contains("Removed alert rule a-mail; it had no undelivered message.", again.Output, StringComparison.Ordinal);
        await AddAsync("a-mail", "--district", _b.Code, "--email", "officer@b.example");
        var refused = await GisAsync("alerts", "restore", "a-mail");
        Assert.Equal(GisCommand.Refused, refused.ExitCode);
        Assert.Contains("another rule in force has its name", refused.Error, StringComparison.Ordinal);
        Assert.Equal(GisCommand.Refused, (await GisAsync("alerts", "remove", "nobody")).ExitCode);
        Assert.Equal(GisCommand.Refused, (await GisAsync("alerts", "restore", "nobody")).ExitCode);
    }

    [Fact]
    public async Task Schedules_DigestAndReport_QueuedOncePerPeriod_OnAFixedClock()
    {
        await AddAsync("digest-a", "--district", _a.Code, "--trigger", "digest", "--hour", "7", "--webhook", _env.Webhook.Url("digest"),
            "--lang", "en");
        await AddAsync("digest-b", "--district", _b.Code, "--trigger", "digest", "--hour", "7", "--email", "officer@b.example");
        await AddAsync("report-50", "--province", "50", "--trigger", "report", "--report", "fiscal", "--every", "week", "--hour", "7",
            "--email", "chief@cm.example");
        var refused = await GisAsync("alerts", "add", "no-area", "--polygon", "POLYGON((98 18, 99 18, 99 19, 98 18))", "--trigger",
            "digest", "--email", "x@a.example");
        Assert.Equal(GisCommand.Refused, refused.ExitCode);
        Assert.Contains("--trigger digest looks at a --province or --district", refused.Error, StringComparison.Ordinal);
        var list = System.Text.Json.JsonDocument.Parse((await GisAsync("alerts", "list", "--format", "json")).Output).RootElement;
        var listed = list.EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.Equal("report", listed["report-50"].GetProperty("trigger").GetString());
        Assert.Equal("week", listed["report-50"].GetProperty("schedule").GetProperty("report_every").GetString());
        // Three detections in A on Bangkok day D (the file covers D, so B had none on a day with data).
        var import = await GisAsync("import", "firms", File("d.csv", (_a.Lon, _a.Lat, 0, 'n', 5, "N20", "2.0NRT"),
            (_a.Lon + 0.001, _a.Lat, 1, 'h', 20, "N20", "2.0NRT"), (_a.Lon + 0.002, _a.Lat, 2, 'l', 2, "N20", "2.0NRT")));
        Assert.Contains("\n  0 alert messages queued\n", import.Output, StringComparison.Ordinal);
        var d = DateOnly.FromDateTime(_pass.AddHours(7));
        var aName = await _db.ScalarAsync<string>("SELECT name_en FROM admin_area WHERE code = $1", _a.Code);

        using var http = new HttpClient();
        async Task<AlertDeliveryPass> PassAsync(DateOnly day, int bangkokHour) => await AlertsCommand.Delivery(_db.Store, http,
            TextWriter.Null, 30, new FixedClock(new DateTimeOffset(day.ToDateTime(new TimeOnly(bangkokHour, 0)), TimeSpan.FromHours(7))))
            .DeliverDueAsync();

        // 06:00 the next day: the digests are not due yet; the week's report is, unless its week starts today (then from 07:00).
        var weekStarts = d.AddDays(1).DayOfWeek == DayOfWeek.Monday ? 1 : 0;
        Assert.Equal(1 - weekStarts, (await PassAsync(d.AddDays(1), 6)).Scheduled);
        Assert.Empty(_env.Webhook.Posts);
        // 08:00: both digests (and the report if not yet), once however often it runs.
        Assert.Equal(new AlertDeliveryPass(2 + weekStarts, 0, 0) { Scheduled = 2 + weekStarts }, await PassAsync(d.AddDays(1), 8));
        Assert.Equal(new AlertDeliveryPass(0, 0, 0), await PassAsync(d.AddDays(1), 8));
        Assert.Equal(new AlertDeliveryPass(0, 0, 0), await PassAsync(d.AddDays(1), 23));

        var digest = Assert.Single(_env.Webhook.Posts).Body;
        Assert.Equal("digest", digest.GetProperty("kind").GetString());
        Assert.Equal($"Daily hotspot summary for {ThaiCalendar.DaySpan(d, d, false)}: 3 detections, {aName} district ({_a.Code})",
            digest.GetProperty("subject").GetString());
        Assert.Equal(3, digest.GetProperty("count").GetInt32());
        Assert.True(digest.GetProperty("covered").GetBoolean());
        Assert.Equal(PngSignature, Convert.FromBase64String(digest.GetProperty("mapPngBase64").GetString()!)[..4]);
        var mails = _env.Smtp.Messages.ToDictionary(m => m.To.Mailboxes.Single().Address);
        Assert.StartsWith($"สรุปจุดความร้อนประจำวัน {ThaiCalendar.DaySpan(d, d, true)}: 0 จุด, อำเภอ{_b.Name} ({_b.Code})",
            mails["officer@b.example"].Subject, StringComparison.Ordinal);
        Assert.Contains("ไม่พบจุดความร้อน", mails["officer@b.example"].TextBody, StringComparison.Ordinal);
        Assert.Empty(mails["officer@b.example"].Attachments);
        var report = mails["chief@cm.example"];
        Assert.StartsWith("รายงานจุดความร้อน ปีงบประมาณ", report.Subject, StringComparison.Ordinal);
        var files = report.Attachments.OfType<MimePart>().ToDictionary(p => Path.GetExtension(p.FileName)!, p =>
        {
            using var bytes = new MemoryStream();
            p.Content!.DecodeTo(bytes);
            return bytes.ToArray();
        });
        Assert.Equal("%PDF"u8.ToArray(), files[".pdf"][..4]);
        Assert.Equal("PK"u8.ToArray(), files[".xlsx"][..2]);

        // The day after: D + 1 has no data at all, which the digest says instead of 0; the report again only in a new week.
        var newWeek = d.AddDays(2).DayOfWeek == DayOfWeek.Monday ? 1 : 0;
        Assert.Equal(2 + newWeek, (await PassAsync(d.AddDays(2), 7)).Scheduled);
        var noData = _env.Webhook.Posts.Last().Body;
        Assert.Equal($"Daily hotspot summary for {ThaiCalendar.DaySpan(d.AddDays(1), d.AddDays(1), false)}: no data, {aName} district "
            + $"({_a.Code})", noData.GetProperty("subject").GetString());
        Assert.Contains("which is not a day without fire", noData.GetProperty("text").GetString(), StringComparison.Ordinal);
    }
}
