using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Gis.Core.Admin;
using Gis.Core.Plans;
using Gis.Importers.Boundaries;
using Gis.Importers.Firms;
using Gis.Importers.Planning;
using Gis.Importers.Targets;
using Gis.Importers.Tests.Boundaries;
using Gis.Importers.Tests.Planning;
using Gis.TestSupport;
using NetTopologySuite.Geometries;

namespace Gis.Importers.Tests.Store;

/// <summary>
/// Writers of one store at the same time (ADR 0019): imports of NRT and standard FIRMS files (supersedes), boundary
/// re-imports (re-tagging) and planner edits, two to four at once, started together. After every round the store
/// is checked with plain SQL against what the writers were given: every detection once, counts equal a recount,
/// no planner edit lost, and no writer saw a deadlock (not even one tried again).
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class ConcurrentWritersTests : IAsyncLifetime, IDisposable
{
    private const int AllocationYear = 2569;
    private const int AllocationTarget = 1000;
    private static readonly TimeSpan RoundLimit = TimeSpan.FromSeconds(60);

    private readonly BoundaryFixtures _files = new();
    private readonly ConcurrentQueue<string> _notices = new();
    private TestDatabase _db = null!;
    private IReadOnlyList<AdminArea> _districts = null!;

    public async Task InitializeAsync()
    {
        _db = await PlannerFixture.NewAsync(_files);
        _db.Store.Notice = _notices.Enqueue;
        _districts = [.. BoundaryReader.Read(SharedData.PathOf("boundaries", "hdx-thailocate", "chiangmai_amphoe_TH50.geojson")).Areas];
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task ImportAsync_ThreeBulkImportsOfOneFileAtOnce_QueueAndStoreEachDetectionOnce()
    {
        // Before the write lock, each took a share lock on hotspot (counting it) and then waited for the exclusive lock
        // of the bulk path behind the other's share lock: 40P01, and the loser crashed.
        var rows = Detections(new Random(7), 30_000, "2.0NRT");
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => Task.Run(() =>
            new FirmsImporter(_db.Store).ImportAsync(Input($"same-{i}.csv", rows), strict: false))))
            .WaitAsync(RoundLimit);

        Assert.Equal([0, 0, 30_000], results.Select(r => r.Stored).Order());
        Assert.Equal([0, 30_000, 30_000], results.Select(r => r.Duplicate).Order());
        Assert.Equal(30_000L, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot"));
        Assert.Contains(_notices, n => n.Contains("waiting", StringComparison.Ordinal));
        Assert.DoesNotContain(_notices, n => n.Contains("conflicted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RandomRounds_TwoToFourWritersAtOnce_EveryInvariantHoldsAfterEachRound()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("GIS_TEST_SEED"), CultureInfo.InvariantCulture, out var s) ? s : 13;
        var random = new Random(seed);
        var model = new Model();
        // Detections are drawn from a fixed pool per day, so files overlap (duplicates) and standard files meet NRT.
        var pool = Enumerable.Range(1, 6).ToDictionary(day => day, day => Detections(random, 6_000, "2.0NRT", day));
        var plotCentres = await PlotCentresAsync(seed);
        await new AllocationEditor(_db.Store, "50").CreateAsync(AllocationYear, AllocationTarget, AllocationWeight.Area, "setup");
        var kinds = new[] { "nrt", "nrt", "standard", "standard", "boundaries", "areas", "allocation" };

        for (var round = 1; round <= 5; round++)
        {
            var writers = kinds.OrderBy(_ => random.Next()).Take(random.Next(2, 5)).ToList();
            var context = $"seed {seed}, round {round}, writers {string.Join('+', writers)}";
            var gate = new TaskCompletionSource();
            var tasks = writers.Select((kind, i) => Task.Run(async () =>
            {
                await gate.Task;
                await WriteAsync(kind, $"r{round}w{i}", random.Next(), pool, plotCentres, model);
            })).ToList();
            gate.SetResult();
            await Task.WhenAll(tasks).WaitAsync(RoundLimit);

            await CheckInvariantsAsync(model, context);
        }
        Assert.DoesNotContain(_notices, n => n.Contains("conflicted", StringComparison.Ordinal));
    }

    /// <summary>One writer of a round; what it stored is added to the model the checks compare with.</summary>
    private async Task WriteAsync(string kind, string name, int seed, Dictionary<int, List<string>> pool,
        IReadOnlyList<(double X, double Y)> plotCentres, Model model)
    {
        var random = new Random(seed);
        switch (kind)
        {
            case "nrt" or "standard":
                {
                    var version = kind == "nrt" ? "2.0NRT" : "2.0";
                    var days = pool.Keys.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList();
                    var rows = days.SelectMany(d => pool[d].Where(_ => random.NextDouble() < 0.6))
                        .Select(r => r.Replace("2.0NRT", version, StringComparison.Ordinal)).ToList();
                    await new FirmsImporter(_db.Store).ImportAsync(Input(name + ".csv", rows), strict: false);
                    model.Imported(rows, kind == "standard" ? days : []);
                    break;
                }
            case "boundaries":
                {
                    // Two versions of Mae Chaem that alternate: its polygon, or its bounding box, which overlaps neighbours
                    // with higher codes and so takes their detections (lowest code wins).
                    var grow = random.Next(2) == 0;
                    var areas = _districts.Select(a => a.Code == PlannerFixture.MaeChaem && grow
                        ? a with { Boundary = new MultiPolygon([(Polygon)a.Boundary.Envelope]) { SRID = a.Boundary.SRID } }
                        : a).ToList();
                    await new BoundaryImporter(_db.Store).ReplaceAsync(areas, name);
                    break;
                }
            case "areas":
                {
                    var editor = new ProjectAreaEditor(_db.Store, "50");
                    for (var i = 0; i < random.Next(2, 5); i++)
                    {
                        var (x, y) = plotCentres[random.Next(plotCentres.Count)];
                        var plot = Square(x, y, 0.002);
                        var edit = await editor.CreateAsync(new PlanAreaInput(plot, 2568, name, "G1", null, TargetKind.GreenArea), name);
                        model.Areas[edit.Area!.Id] = (plot.AsText(), edit.ChangeId);
                    }
                    break;
                }
            case "allocation":
                {
                    var editor = new AllocationEditor(_db.Store, "50");
                    for (var i = 0; i < random.Next(1, 4); i++)
                    {
                        var district = _districts[random.Next(_districts.Count)].Code;
                        var rai = random.Next(1, 31);
                        await editor.SetAsync(AllocationYear, district, rai, name);
                        model.Allocations[district] = rai;
                    }
                    break;
                }
        }
    }

    private async Task CheckInvariantsAsync(Model model, string context)
    {
        // Every detection once: as many rows as distinct detections given, and the batches account for each.
        Assert.True(model.Detections.Count == await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot"), context);
        Assert.True(model.Detections.Count == await _db.ScalarAsync<long>(
            "SELECT coalesce(sum(rows_stored), 0) FROM import_batch WHERE kind = 'firms'"), context);
        // Counted: all standard detections, and the NRT ones of days without standard data (one satellite here).
        Assert.True(model.Counted == await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot_counted"), context);
        Assert.True(0L == await _db.ScalarAsync<long>("""
            SELECT count(*) FROM hotspot n
            WHERE n.is_nrt AND (n.superseded_by_batch IS NULL) = EXISTS (
                SELECT 1 FROM hotspot s WHERE NOT s.is_nrt AND s.satellite = n.satellite
                  AND (s.acquired_utc AT TIME ZONE 'UTC')::date = (n.acquired_utc AT TIME ZONE 'UTC')::date)
            """), context);
        // District counts equal a recount by PostGIS over the districts stored now (lowest code on a shared border).
        Assert.True(0L == await _db.ScalarAsync<long>("""
            SELECT count(*) FROM hotspot h
            WHERE h.district_code IS DISTINCT FROM (
                SELECT a.code FROM admin_area a WHERE a.level = 4 AND ST_Intersects(a.geom, h.geom) ORDER BY a.code LIMIT 1)
            """), context);
        // No planner edit lost: every area as drawn, with its history row; every set value locked as set; the year's
        // table still adds up to its target.
        foreach (var (id, (wkt, change)) in model.Areas)
        {
            Assert.True(await _db.ScalarAsync<bool>("SELECT coalesce(bool_and(ST_Equals(geom, ST_GeomFromText($2, 4326))), false) " +
                "FROM project_area WHERE id = $1", id, wkt), $"{context}: area {id}");
            Assert.True(1L == await _db.ScalarAsync<long>("SELECT count(*) FROM planner_change WHERE id = $1", change), context);
        }
        foreach (var (district, rai) in model.Allocations)
        {
            Assert.True($"{rai} True" == await _db.ScalarAsync<string>(
                "SELECT allocation_rai || ' ' || (CASE WHEN locked THEN 'True' ELSE 'False' END) FROM district_allocation " +
                "WHERE year = $1 AND district_code = $2", (short)AllocationYear, district), $"{context}: allocation of {district}");
        }
        Assert.True(AllocationTarget == await _db.ScalarAsync<long>(
            "SELECT sum(allocation_rai) FROM district_allocation WHERE year = $1", (short)AllocationYear), context);
    }

    /// <summary>Centres of planner plots: random points well inside Mae Chaem, from PostGIS with a fixed seed.</summary>
    private async Task<IReadOnlyList<(double X, double Y)>> PlotCentresAsync(int seed)
    {
        var text = await _db.ScalarAsync<string>("""
            SELECT string_agg(ST_X(p.geom) || ' ' || ST_Y(p.geom), ',')
            FROM ST_Dump(ST_GeneratePoints((SELECT ST_Buffer(geom, -0.03) FROM admin_area WHERE code = $1), 40, $2)) p
            """, PlannerFixture.MaeChaem, seed);
        return [.. text.Split(',').Select(p => p.Split(' ')).Select(p =>
            (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture)))];
    }

    private static Polygon Square(double x, double y, double half) =>
        (Polygon)Wkt.Read(string.Create(CultureInfo.InvariantCulture,
            $"POLYGON (({x - half} {y - half}, {x + half} {y - half}, {x + half} {y + half}, {x - half} {y + half}, "
            + $"{x - half} {y - half}))"));

    /// <summary>
    /// FIRMS lines of NOAA-20 detections over Chiang Mai and around it on 2026-03-<paramref name="day"/> (or days 1-6),
    /// at distinct times.
    /// </summary>
    private static List<string> Detections(Random random, int count, string version, int? day = null) =>
        [.. Enumerable.Range(0, count).Select(i =>
        {
            var d = day ?? 1 + random.Next(6);
            var time = new TimeOnly(0, 0).Add(TimeSpan.FromSeconds(i * 86_399.0 / count));
            return string.Create(CultureInfo.InvariantCulture,
                $"{17.2 + random.NextDouble() * 3:F5},{97.3 + random.NextDouble() * 2.3:F5},330.5,0.4,0.4,2026-03-{d:00},"
                + $"{time:HHmm},N20,VIIRS,n,{version},290.1,5.5,D");
        }).DistinctBy(Model.Identity)];

    private static FirmsInput Input(string name, IReadOnlyList<string> rows)
    {
        var bytes = Encoding.UTF8.GetBytes(FirmsCsv.Header + "\n" + string.Join("\n", rows) + "\n");
        return new FirmsInput(name, bytes.Length, () => new MemoryStream(bytes));
    }

    /// <summary>What the writers stored, as the test knows it from what it gave them.</summary>
    private sealed class Model
    {
        private readonly Lock _lock = new();
        private readonly HashSet<string> _standardDays = [];

        public HashSet<string> Detections { get; } = [];

        public ConcurrentDictionary<long, (string Wkt, long ChangeId)> Areas { get; } = new();

        public ConcurrentDictionary<string, int> Allocations { get; } = new();

        /// <summary>Satellite, time, latitude, longitude and whether NRT: the store's identity of a detection.</summary>
        public static string Identity(string line)
        {
            var f = line.Split(',');
            return string.Join(',', f[7], f[5], f[6], f[0], f[1], f[10].EndsWith("NRT", StringComparison.Ordinal));
        }

        public long Counted
        {
            get
            {
                lock (_lock)
                    return Detections.Count(d => !d.EndsWith("True", StringComparison.Ordinal) || !_standardDays.Contains(d.Split(',')[1]));
            }
        }

        public void Imported(IEnumerable<string> lines, IEnumerable<int> standardDays)
        {
            lock (_lock)
            {
                foreach (var line in lines)
                    Detections.Add(Identity(line));
                foreach (var day in standardDays)
                    _standardDays.Add(string.Create(CultureInfo.InvariantCulture, $"2026-03-{day:00}"));
            }
        }
    }
}
