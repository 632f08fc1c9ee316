using Gis.Importers.Alerts;
using Gis.Importers.Firms;
using Gis.Importers.Tests.Targets;
using Gis.TestSupport;

namespace Gis.Importers.Tests.Alerts;

/// <summary>
/// The season triggers on the two-district fixture, imported on 1 March 2026 (day 60 of the 151-day season 2569): the
/// baseline season 2568 declared complete holds 10 detections in West, 4 of them by 1 March; hand counts decide when each
/// rule fires, and each fires at most once per area and Bangkok day.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class SeasonTriggerTests : TwoDistrictStore, IDisposable
{
    private const double Lat = 18.5, West = 98.25, East = 98.75;
    private static readonly FixedClock March1 = new(new DateTimeOffset(2026, 3, 1, 3, 0, 0, TimeSpan.Zero));
    private static readonly FixedClock March2 = new(new DateTimeOffset(2026, 3, 2, 3, 0, 0, TimeSpan.Zero));
    private readonly WebhookReceiver _hook = new();

    public void Dispose() => _hook.Dispose();

    private async Task<int> ImportAsync(TimeProvider clock, FirmsInput input) =>
        (await new FirmsImporter(Db.Store) { Clock = clock }.ImportAsync(input, strict: false)).AlertsQueued;

    private Task<AlertRule> AddAsync(string name, string trigger, SeasonCheck check) =>
        new AlertRules(Db.Store).AddAsync(new AlertRule(name, new AlertArea("5001"),
            new AlertRecipients([], new Uri(_hook.Url(name)), "json"), Language: "en")
        { Trigger = trigger, Season = check });

    private Task<string[]> QueuedAsync() => Db.ScalarAsync<string[]>("""
        SELECT coalesce(array_agg(r.name || ' ' || o.occasion ORDER BY o.id), '{}') FROM alert_outbox o
        JOIN alert_rule r ON r.id = o.rule_id WHERE o.kind <> 'new-detections'
        """);

    [Fact]
    public async Task SeasonToDateAndRunRate_FireOncePerAreaAndDay_OnTheHandCounts()
    {
        // Baseline season 2568 in West: 3 + 1 by 1 March (4 to date), 2 on 2 March and 4 in May (10 in all).
        await ImportAsync(March1, FirmsCsv.Detections("b1.csv", Lat, West, "2025-01-10", 3) with
        {
            Covers = new CoverageClaim(new DateOnly(2025, 1, 1), new DateOnly(2025, 5, 31), null, null),
        });
        await ImportAsync(March1, FirmsCsv.Detections("b2.csv", Lat, West, "2025-03-01", 1));
        await ImportAsync(March1, FirmsCsv.Detections("b3.csv", Lat, West, "2025-03-02", 2));
        await ImportAsync(March1, FirmsCsv.Detections("b4.csv", Lat, West, "2025-05-20", 4));

        await AddAsync("above", AlertTriggers.AboveBaseline, new SeasonCheck());
        await AddAsync("cap", AlertTriggers.CapRunRate, new SeasonCheck());
        // Season 2567 has no data at all: never judged, whatever the count (no data is never 0).
        await AddAsync("no-data", AlertTriggers.AboveBaseline, new SeasonCheck("season:2567"));
        await AddAsync("cap-100", AlertTriggers.CapRunRate, new SeasonCheck(Cap: 100));

        // 4 to date against 4: not above. Run-rate 4 / 60 x 151 = 10.07 above the cap 10 x 0.95 = 9.5.
        Assert.Equal(1, await ImportAsync(March1, FirmsCsv.Detections("s1.csv", Lat, West, "2026-02-10", 4)));
        Assert.Equal(["cap 5001 2026-03-01"], await QueuedAsync());
        // 5 against 4: above; the cap told already today.
        Assert.Equal(1, await ImportAsync(March1, FirmsCsv.Detections("s2.csv", Lat, West, "2026-02-11", 1)));
        // In East only: West's figures are unchanged and told today.
        Assert.Equal(0, await ImportAsync(March1, FirmsCsv.Detections("s3.csv", Lat, East, "2026-02-12", 3)));
        Assert.Equal(["cap 5001 2026-03-01", "above 5001 2026-03-01"], await QueuedAsync());

        // 2 March: 6 to date against 4 + 2 over the same 61 days, not above; run-rate 6 / 61 x 151 = 14.9 still above the cap.
        Assert.Equal(1, await ImportAsync(March2, FirmsCsv.Detections("s4.csv", Lat, West, "2026-03-02", 1)));
        Assert.Equal(["cap 5001 2026-03-01", "above 5001 2026-03-01", "cap 5001 2026-03-02"], await QueuedAsync());

        using var http = new HttpClient();
        var pass = await new AlertDelivery(Db.Store, new AlertSettings(), http).DeliverDueAsync();
        Assert.Equal(new AlertDeliveryPass(3, 0, 0), pass);
        var posts = _hook.Posts.Select(p => p.Body).ToList();
        Assert.Equal(["cap-run-rate", "above-baseline", "cap-run-rate"], posts.Select(p => p.GetProperty("kind").GetString()));
        var cap = posts[0].GetProperty("text").GetString()!;
        Assert.StartsWith("Hotspot run-rate projected above the cap: West district (5001)\n", cap, StringComparison.Ordinal);
        Assert.Contains("Fire season 2569 to 1 Mar 2569 (day 60 of 151): 4 detections\n  data on 1 of 60 days, 10 Feb 2569\n", cap,
            StringComparison.Ordinal);
        Assert.Contains("Run-rate to the season's end (31 May 2569): 4 / 60 days x 151 days = 10.1\n", cap, StringComparison.Ordinal);
        Assert.Contains("Cap: 9.5 detections = the whole season 2568, 10, x (1 -5 %)\n", cap, StringComparison.Ordinal);
        Assert.Equal(9.5, posts[0].GetProperty("cap").GetDouble(), 6);
        var above = posts[1].GetProperty("text").GetString()!;
        Assert.Contains("Fire season 2569 to 1 Mar 2569 (day 60 of 151): 5 detections\n  data on 2 of 60 days, 10 Feb-11 Feb 2569\n",
            above, StringComparison.Ordinal);
        Assert.Contains("Baseline (season 2568) over the same days: 4 detections\n  data on 60 of 60 days, 1 Jan-1 Mar 2568\n", above,
            StringComparison.Ordinal);
    }
}
