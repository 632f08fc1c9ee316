using System.Globalization;
using System.Text;
using Gis.Core.Admin;
using Gis.Core.Hotspots;
using Gis.Core.Periods;
using Gis.Core.Targets;
using Gis.Importers.Boundaries;
using Gis.Importers.Firms;
using Gis.Importers.Gistda;
using Gis.Importers.LandUse;
using Gis.Importers.Queries.Hotspots;
using Gis.Importers.Tests.Boundaries;
using Gis.TestSupport;

namespace Gis.Importers.Tests.Store;

/// <summary>
/// The daily hotspot cube (<c>hotspot_day_count</c>, ADR 0021) against a recount from the points: seeded random
/// sequences of FIRMS imports (NRT and standard, overlapping re-deliveries, VIIRS and MODIS satellites, every
/// confidence, day and night, with and without a type, points on borders and outside every district), GISTDA imports,
/// standard pulls with a coverage, boundary re-imports that move the border (re-tagging), deletions and hand edits in
/// SQL. After every step the cube must equal a plain GROUP BY over <c>hotspot</c> and <c>gistda_hotspot</c>, hold no
/// count at or below zero, and the counts read from it (<see cref="HotspotCounts"/>) must equal a count of the points.
/// The same for the counts per land class of two land-use snapshots (<c>hotspot_land_count</c>, ADR 0046), whose
/// parcels overlap and are re-imported in the sequence: equal to a parcel lookup per point.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class HotspotDayCountTests : IAsyncLifetime, IDisposable
{
    private const string Header = FirmsCsv.Header + ",type";
    // Across the end of February, so that the counts read whole months from the monthly cube and edge days from the daily one.
    private static readonly DateOnly FirstDay = new(2026, 2, 26);
    private const int Days = 6;
    // Where the West-East border may lie; a detection's longitude is sometimes exactly one of them.
    private static readonly double[] Borders = [98.45, 98.5, 98.6];
    // S-NPP twice: GISTDA's satellite, so its records meet FIRMS detections of the same pass.
    private static readonly string[] Satellites = ["N", "N", "N20", "N21", "Terra", "Aqua"];

    private readonly string _dir = Directory.CreateTempSubdirectory("cube-").FullName;
    private readonly BoundaryFixtures _files = new();
    private TestDatabase _db = null!;
    private int _retagged;

    public async Task InitializeAsync()
    {
        _db = await PostGis.NewDatabaseAsync();
        await ImportBoundariesAsync(98.5);
        await ImportLandUseAsync(2565, new Random(1));
        await ImportLandUseAsync(2566, new Random(2));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        _files.Dispose();
    }

    [Fact]
    public async Task RandomSequence_EveryStep_CubeEqualsARecountFromThePoints()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("GIS_TEST_SEED"), CultureInfo.InvariantCulture, out var s) ? s : 22;
        var random = new Random(seed);
        // Detections are drawn from a fixed pool, so files overlap (re-deliveries) and standard files meet NRT ones.
        var pool = Pool(random, 500);
        string[] steps = ["nrt", "nrt", "nrt", "standard", "standard", "pull", "gistda", "gistda", "boundaries", "landuse",
            "delete-batch", "delete-some", "unsupersede", "truncate-gistda"];
        var (stored, superseded, landUseImports) = (0L, 0L, 0);
        for (var step = 1; step <= 45; step++)
        {
            // The first steps store something to work on; later ones are any kind (truncating seldom).
            var kind = step <= 3 ? "nrt" : steps[random.Next(steps.Length - (random.Next(4) == 0 ? 0 : 1))];
            var context = $"seed {seed}, step {step} ({kind})";
            await StepAsync(kind, random, pool, step);
            landUseImports += kind == "landuse" ? 1 : 0;
            Assert.True(0L == await MismatchesAsync(), $"{context}: the cube differs from a recount of the points");
            Assert.True(0L == await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot_day_count WHERE detections <= 0"), context);
            Assert.True(0L == await MonthMismatchesAsync(), $"{context}: the monthly cube differs from the daily one");
            Assert.True(0L == await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot_month_count WHERE detections <= 0"), context);
            Assert.True(0L == await LandMismatchesAsync(), $"{context}: the land-class counts differ from a lookup per point");
            Assert.True(0L == await _db.ScalarAsync<long>("""
                SELECT (SELECT count(*) FROM hotspot_land_count WHERE detections <= 0)
                     + (SELECT count(*) FROM hotspot_land_month_count WHERE detections <= 0)
                """), context);
            await AssertCountsReadTheSamePointsAsync(random, context);
            stored = Math.Max(stored, await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot"));
            superseded = Math.Max(superseded,
                await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot WHERE superseded_by_batch IS NOT NULL"));
        }
        // The sequence did what it is for: points stored and superseded, re-tagged, from both sources.
        Assert.True(stored > 200 && superseded > 20 && _retagged > 10 && landUseImports > 0, $"seed {seed}: {stored} stored, "
            + $"{superseded} superseded, {_retagged} re-tagged at most, {landUseImports} land-use imports");
        Assert.True(await _db.ScalarAsync<long>("SELECT count(*) FROM import_batch WHERE kind = 'gistda'") > 0, $"seed {seed}");
    }

    [Fact]
    public async Task Mismatches_UpdateTriggerDropped_SupersedeLeavesTheCubeWrong()
    {
        // The check can fail: without the UPDATE trigger the standard file's supersede is not subtracted.
        var pool = Pool(new Random(5), 60);
        await ImportFirmsAsync("nrt.csv", pool, null);
        Assert.Equal(0L, await MismatchesAsync());
        await ExecuteAsync("DROP TRIGGER hotspot_day_count_update ON hotspot");
        await ImportFirmsAsync("standard.csv", pool.Select(Standard).ToList(), null);

        Assert.True(await _db.ScalarAsync<long>("SELECT count(*) FROM hotspot WHERE superseded_by_batch IS NOT NULL") > 0);
        Assert.True(await MismatchesAsync() > 0);
    }

    [Fact]
    public async Task LandMismatches_LandUpdateTriggerDropped_SupersedeLeavesTheLandClassCountsWrong()
    {
        // The land-class check can fail: without the subtracting UPDATE trigger a supersede is counted twice.
        var pool = Pool(new Random(5), 60);
        await ImportFirmsAsync("nrt.csv", pool, null);
        Assert.Equal(0L, await LandMismatchesAsync());
        Assert.True(await _db.ScalarAsync<long>("SELECT coalesce(sum(detections), 0)::bigint FROM hotspot_land_count") > 10);
        await ExecuteAsync("DROP TRIGGER hotspot_land_count_update_subtract ON hotspot");
        await ImportFirmsAsync("standard.csv", pool.Select(Standard).ToList(), null);

        Assert.True(await LandMismatchesAsync() > 0);
    }

    [Fact]
    public async Task MonthMismatches_MonthUpdateTriggerDropped_SupersedeLeavesTheMonthsWrong()
    {
        // The monthly check can fail: without its UPDATE trigger the daily cube's supersede never reaches the months.
        var pool = Pool(new Random(5), 60);
        await ImportFirmsAsync("nrt.csv", pool, null);
        Assert.Equal(0L, await MonthMismatchesAsync());
        Assert.True(await _db.ScalarAsync<long>("SELECT count(DISTINCT month) FROM hotspot_month_count") == 2);
        await ExecuteAsync("DROP TRIGGER hotspot_month_count_update ON hotspot_day_count");
        await ImportFirmsAsync("standard.csv", pool.Select(Standard).ToList(), null);

        Assert.True(await MonthMismatchesAsync() > 0);
    }

    /// <summary>One step of a sequence.</summary>
    private async Task StepAsync(string kind, Random random, List<Detection> pool, int step)
    {
        switch (kind)
        {
            case "nrt" or "standard":
                {
                    var days = Enumerable.Range(0, Days).OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToHashSet();
                    var rows = pool.Where(d => days.Contains(d.UtcDay) && random.NextDouble() < 0.6).ToList();
                    await ImportFirmsAsync($"{kind}-{step}.csv", kind == "nrt" ? rows : [.. rows.Select(Standard)], null);
                    break;
                }
            case "pull":
                {
                    // A standard pull of one day and satellite over half the province: its box supersedes NRT there,
                    // detections or not.
                    var day = random.Next(Days);
                    var satellite = new[] { "N", "N20", "Terra" }[random.Next(3)];
                    var satellites = satellite == "Terra" ? new[] { "Terra", "Aqua" } : [satellite];
                    var rows = pool.Where(d => d.UtcDay == day && satellites.Contains(d.Satellite) && d.Longitude > 98.55
                        && random.NextDouble() < 0.3).Select(Standard).ToList();
                    var date = FirstDay.AddDays(day);
                    await ImportFirmsAsync($"pull-{step}.csv", rows, new FirmsCoverage(date, date, new BoundingBox(98.55, 17.9, 99.1, 19.1),
                        satellites));
                    break;
                }
            case "gistda":
                await ImportGistdaAsync($"gistda-{step}.csv", pool.Where(d => d.Satellite == "N" && random.NextDouble() < 0.3).ToList());
                break;
            case "boundaries":
                // The border between West and East moves: detections between the old and the new line change district.
                _retagged += await ImportBoundariesAsync(Borders[random.Next(Borders.Length)]);
                break;
            case "landuse":
                // A snapshot delivered again with other parcels: its counts are made again from the points.
                await ImportLandUseAsync(2565 + random.Next(2), random);
                break;
            case "delete-batch":
                {
                    // One batch's rows removed by hand in psql, of either source.
                    var batch = await _db.ScalarAsync<long>("""
                        SELECT coalesce((SELECT id FROM import_batch WHERE kind IN ('firms', 'gistda') ORDER BY random() LIMIT 1), 0)
                        """);
                    await ExecuteAsync("DELETE FROM hotspot WHERE batch_id = $1", batch);
                    await ExecuteAsync("DELETE FROM gistda_hotspot WHERE batch_id = $1", batch);
                    break;
                }
            case "delete-some":
                await ExecuteAsync("DELETE FROM hotspot WHERE id % 5 = $1", (long)random.Next(5));
                break;
            case "unsupersede":
                // A hand correction: the last supersede undone, its NRT rows counting again.
                await ExecuteAsync(
                    "UPDATE hotspot SET superseded_by_batch = NULL " +
                    "WHERE superseded_by_batch = (SELECT max(superseded_by_batch) FROM hotspot)");
                break;
            case "truncate-gistda":
                await ExecuteAsync("TRUNCATE gistda_hotspot");
                break;
        }
    }

    /// <summary>
    /// Rows in which the cube and a recount from the points differ (either way, NULLs as equal): 0 when exact.
    /// </summary>
    private Task<long> MismatchesAsync() => _db.ScalarAsync<long>("""
        WITH recount AS (
            SELECT local_day, district_code, 'firms'::text AS source, instrument, satellite, confidence, daynight, type, is_nrt,
                   superseded_by_batch IS NOT NULL AS superseded, count(*) AS detections
            FROM hotspot GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
            UNION ALL
            SELECT local_day, district_code, 'gistda', instrument, satellite, confidence, daynight, type, false, false, count(*)
            FROM gistda_hotspot GROUP BY 1, 2, 3, 4, 5, 6, 7, 8),
        cube AS (
            SELECT local_day, district_code, source, instrument, satellite, confidence, daynight, type, is_nrt, superseded,
                   detections
            FROM hotspot_day_count)
        SELECT count(*) FROM ((SELECT * FROM recount EXCEPT ALL SELECT * FROM cube)
                              UNION ALL (SELECT * FROM cube EXCEPT ALL SELECT * FROM recount)) d
        """);

    /// <summary>
    /// Rows in which the land-class counts (daily, and monthly summed from a plain GROUP BY) and a parcel lookup per
    /// stored point (the first parcel by id that holds it) differ: 0 when exact.
    /// </summary>
    private Task<long> LandMismatchesAsync() => _db.ScalarAsync<long>("""
        WITH recount AS (
            SELECT s.snapshot, h.local_day, h.district_code, p.land_class, h.instrument, h.satellite, h.confidence, h.daynight,
                   h.type, h.is_nrt, h.superseded_by_batch IS NOT NULL AS superseded, count(*) AS detections
            FROM hotspot h CROSS JOIN landuse_snapshot s
            JOIN LATERAL (SELECT lp.land_class FROM landuse_parcel lp WHERE lp.snapshot = s.snapshot AND ST_Intersects(lp.geom, h.geom)
                          ORDER BY lp.id LIMIT 1) p ON true
            GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11),
        days AS (
            SELECT snapshot, local_day, district_code, land_class, instrument, satellite, confidence, daynight, type, is_nrt,
                   superseded, detections
            FROM hotspot_land_count),
        recount_months AS (
            SELECT snapshot, date_trunc('month', local_day::timestamp)::date, district_code, land_class, instrument, satellite,
                   confidence, daynight, type, is_nrt, superseded, sum(detections)::bigint
            FROM recount GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11),
        months AS (
            SELECT snapshot, month, district_code, land_class, instrument, satellite, confidence, daynight, type, is_nrt,
                   superseded, detections
            FROM hotspot_land_month_count)
        SELECT (SELECT count(*) FROM ((SELECT * FROM recount EXCEPT ALL SELECT * FROM days)
                                      UNION ALL (SELECT * FROM days EXCEPT ALL SELECT * FROM recount)) d)
             + (SELECT count(*) FROM ((SELECT * FROM recount_months EXCEPT ALL SELECT * FROM months)
                                      UNION ALL (SELECT * FROM months EXCEPT ALL SELECT * FROM recount_months)) m)
        """);

    /// <summary>Rows in which the monthly cube and the daily cube summed per month differ: 0 when exact.</summary>
    private Task<long> MonthMismatchesAsync() => _db.ScalarAsync<long>("""
        WITH summed AS (
            SELECT date_trunc('month', local_day::timestamp)::date AS month, district_code, source, instrument, satellite,
                   confidence, daynight, type, is_nrt, superseded, sum(detections)::bigint AS detections
            FROM hotspot_day_count GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
        months AS (
            SELECT month, district_code, source, instrument, satellite, confidence, daynight, type, is_nrt, superseded, detections
            FROM hotspot_month_count)
        SELECT count(*) FROM ((SELECT * FROM summed EXCEPT ALL SELECT * FROM months)
                              UNION ALL (SELECT * FROM months EXCEPT ALL SELECT * FROM summed)) d
        """);

    /// <summary>
    /// The counts the targets, trend and <c>gis hotspots</c> read from the cube equal a count of the points under a random
    /// filter, for the province and for every district, and the stored days are the points' first and last.
    /// </summary>
    private async Task AssertCountsReadTheSamePointsAsync(Random random, string context)
    {
        var filter = new HotspotFilter(
            Instrument: new[] { null, "VIIRS", "MODIS" }[random.Next(3)],
            Satellites: random.Next(3) == 0 ? [Satellites[1 + random.Next(Satellites.Length - 1)]] : null,
            Confidences: random.Next(3) == 0 ? ["h", "n"] : null,
            DayNight: random.Next(3) == 0 ? "N" : null,
            Types: random.Next(3) == 0 ? [0, 2] : null);
        var province = random.Next(2) == 0 ? "50" : null;
        var (first, second) = (Period.Dates(FirstDay, FirstDay.AddDays(3)), Period.Dates(FirstDay.AddDays(2), FirstDay.AddDays(Days)));
        // Whole February and March (the monthly cube alone) and one that starts and ends inside a month (both cubes).
        var (months, spanning) = (Period.Dates(new(2026, 2, 1), new(2026, 3, 31)), Period.Dates(new(2026, 2, 27), new(2026, 4, 1)));
        foreach (var source in new[] { HotspotSource.Firms, HotspotSource.Gistda })
        {
            var counts = await new HotspotCounts(_db.Store, source).ByPeriodAsync([first, second, months, spanning], province, filter,
                CountMode.Detections);
            var read = string.Join(",", counts.Counts.OrderBy(kv => kv.Key.Period).ThenBy(kv => kv.Key.District, StringComparer.Ordinal)
                .Select(kv => $"{kv.Key.Period}:{kv.Key.District}:{kv.Value}"));
            var table = source == HotspotSource.Firms ? "hotspot" : "gistda_hotspot";
            var expected = "";
            foreach (var (period, index) in new[] { (first, 0), (second, 1), (months, 2), (spanning, 3) })
            {
                var part = await PointCountsAsync(table, index, period, province, filter);
                expected = expected.Length == 0 || part.Length == 0 ? expected + part : expected + "," + part;
            }
            Assert.True(expected == read, $"{context}, {source}, {filter}, province {province ?? "all"}: points {expected}, cube {read}");
        }

        // Per land class of a snapshot (whole months and edge days again), against a parcel lookup per counted point.
        var snapshot = 2565 + random.Next(2);
        var byClass = await new HotspotCounts(_db.Store).ByLandClassAsync(spanning, province, filter, snapshot);
        var classes = string.Join(",", byClass.OrderBy(kv => kv.Key.District, StringComparer.Ordinal)
            .ThenBy(kv => kv.Key.LandClass, StringComparer.Ordinal).Select(kv => $"{kv.Key.District}:{kv.Key.LandClass}:{kv.Value}"));
        var pointClasses = await _db.ScalarAsync<string>("""
            SELECT coalesce(string_agg(district_code || ':' || land_class || ':' || n, ',' ORDER BY district_code COLLATE "C",
                                       land_class COLLATE "C"), '')
            FROM (SELECT h.district_code, coalesce(p.land_class, 'unmapped') AS land_class, count(*) AS n FROM hotspot h
                  LEFT JOIN LATERAL (SELECT lp.land_class FROM landuse_parcel lp
                                     WHERE lp.snapshot = $1 AND ST_Intersects(lp.geom, h.geom) ORDER BY lp.id LIMIT 1) p ON true
                  WHERE h.superseded_by_batch IS NULL AND h.district_code IS NOT NULL AND h.local_day BETWEEN $2 AND $3
                    AND ($4::text IS NULL OR h.district_code LIKE $4 || '%')
                    AND ($5::text IS NULL OR instrument = $5) AND ($6::text[] IS NULL OR satellite = ANY($6))
                    AND ($7::text[] IS NULL OR confidence = ANY($7)) AND ($8::text IS NULL OR daynight = $8)
                    AND ($9::int[] IS NULL OR type = ANY($9))
                  GROUP BY 1, 2) t
            """, (short)snapshot, spanning.From, spanning.To, (object?)province ?? DBNull.Value,
            (object?)filter.Instrument ?? DBNull.Value, (object?)filter.Satellites?.ToArray() ?? DBNull.Value,
            (object?)filter.Confidences?.ToArray() ?? DBNull.Value, (object?)filter.DayNight ?? DBNull.Value,
            (object?)filter.Types?.ToArray() ?? DBNull.Value);
        Assert.True(pointClasses == classes, $"{context}, {filter}, snapshot {snapshot}: points {pointClasses}, counts {classes}");

        foreach (var (from, to) in new[] { (FirstDay, FirstDay.AddDays(Days)), (months.From, months.To), (spanning.From, spanning.To) })
        {
            var report = await new HotspotCounts(_db.Store).ByDistrictAsync(from, to, null);
            var outside = await _db.ScalarAsync<long>("""
                SELECT count(*) FROM hotspot
                WHERE superseded_by_batch IS NULL AND district_code IS NULL AND local_day BETWEEN $1 AND $2
                """, from, to);
            var inside = await _db.ScalarAsync<long>("""
                SELECT count(*) FROM hotspot
                WHERE superseded_by_batch IS NULL AND district_code IS NOT NULL AND local_day BETWEEN $1 AND $2
                """, from, to);
            Assert.True((inside, outside) == (report.Total, report.Outside),
                $"{context}, {from}-{to}: gis hotspots {report.Total} + {report.Outside}, points {inside} + {outside}");
        }

        var days = await new HotspotCounts(_db.Store).StoredDaysAsync();
        var span = await _db.ScalarAsync<string>(
            "SELECT coalesce(min(local_day) || ' ' || max(local_day), '') FROM hotspot WHERE superseded_by_batch IS NULL");
        Assert.True(span == (days is var (a, b) ? $"{a:yyyy-MM-dd} {b:yyyy-MM-dd}" : ""), $"{context}: stored days");
    }

    private Task<string> PointCountsAsync(string table, int index, Period period, string? province, HotspotFilter filter) =>
        _db.ScalarAsync<string>($"""
            SELECT coalesce(string_agg($1 || ':' || district_code || ':' || n, ',' ORDER BY district_code COLLATE "C"), '')
            FROM (SELECT district_code, count(*) AS n FROM {table}
                  WHERE {(table == "hotspot" ? "superseded_by_batch IS NULL" : "true")} AND district_code IS NOT NULL
                    AND local_day BETWEEN $2 AND $3 AND ($4::text IS NULL OR district_code LIKE $4 || '%')
                    AND ($5::text IS NULL OR instrument = $5) AND ($6::text[] IS NULL OR satellite = ANY($6))
                    AND ($7::text[] IS NULL OR confidence = ANY($7)) AND ($8::text IS NULL OR daynight = $8)
                    AND ($9::int[] IS NULL OR type = ANY($9))
                  GROUP BY 1) t
            """, index.ToString(CultureInfo.InvariantCulture), period.From, period.To, (object?)province ?? DBNull.Value,
            (object?)filter.Instrument ?? DBNull.Value, (object?)filter.Satellites?.ToArray() ?? DBNull.Value,
            (object?)filter.Confidences?.ToArray() ?? DBNull.Value, (object?)filter.DayNight ?? DBNull.Value,
            (object?)filter.Types?.ToArray() ?? DBNull.Value);

    private Task<object> ExecuteAsync(string sql, params object[] parameters) => _db.ScalarAsync<object>(sql, parameters);

    /// <summary>Province 50 as the square 98-99 E, 18-19 N, split at <paramref name="border"/> into West (5001) and East (5002).</summary>
    private async Task<int> ImportBoundariesAsync(double border)
    {
        var x = border.ToString(CultureInfo.InvariantCulture);
        return (await new BoundaryImporter(_db.Store).ReplaceAsync(
        [
            new AdminArea("50", "เชียงใหม่", "Chiang Mai", Wkt.MultiPolygon("POLYGON ((98 18, 99 18, 99 19, 98 19, 98 18))")),
            new AdminArea("5001", "ก", "West", Wkt.MultiPolygon($"POLYGON ((98 18, {x} 18, {x} 19, 98 19, 98 18))")),
            new AdminArea("5002", "ข", "East", Wkt.MultiPolygon($"POLYGON (({x} 18, 99 18, 99 19, {x} 19, {x} 18))")),
        ], $"border-{x}")).HotspotsRetagged;
    }

    /// <summary>
    /// A land-use snapshot of eight random rectangles over the West-East border (so the classes cross districts), some
    /// overlapping (the first parcel stored wins), some leaving gaps (unmapped detections), forest, farmland or town.
    /// </summary>
    private async Task ImportLandUseAsync(int year, Random random)
    {
        string[] codes = ["F1", "A1", "U1"];
        var features = Enumerable.Range(0, 8).Select(_ =>
        {
            var (x, y) = (98.2 + random.Next(50) / 100.0, 18.1 + random.Next(70) / 100.0);
            var (w, h) = (0.05 + random.Next(30) / 100.0, 0.05 + random.Next(20) / 100.0);
            var wkt = string.Create(CultureInfo.InvariantCulture,
                $"POLYGON (({x} {y}, {x + w} {y}, {x + w} {y + h}, {x} {y + h}, {x} {y}))");
            return BoundaryFixtures.Feature(wkt, ("LU_CODE", codes[random.Next(codes.Length)]));
        }).ToArray();
        var path = _files.WriteGeoJson($"lu-{year}-{Guid.NewGuid():N}.geojson", features);
        using var layer = LandUseReader.Open(path, LandUseMappingFile.Default);
        await new LandUseImporter(_db.Store).ImportAsync(layer, year);
    }

    private async Task ImportFirmsAsync(string name, IReadOnlyList<Detection> rows, FirmsCoverage? coverage)
    {
        var path = Path.Combine(_dir, name);
        await File.WriteAllTextAsync(path, Header + "\n" + string.Join("\n", rows.Select(r => r.Line)) + "\n");
        await new FirmsImporter(_db.Store).ImportAsync(FirmsInput.Expand([path]).Single() with { Coverage = coverage }, strict: false);
    }

    /// <summary>A GISTDA spreadsheet export of the detections (Thai headers, BE dates, Thai time, GISTDA's land class).</summary>
    private async Task ImportGistdaAsync(string name, IReadOnlyList<Detection> rows)
    {
        var text = new StringBuilder("ละติจูด,ลองจิจูด,วันที่,เวลา,ความเชื่อมั่น,จังหวัด,อำเภอ,ตำบล,ประเภทพื้นที่\n");
        foreach (var d in rows)
        {
            var thai = d.Utc.AddHours(7);
            text.Append(CultureInfo.InvariantCulture,
                $"{d.Latitude},{d.Longitude},{thai:dd/MM}/{thai.Year + 543},{thai:HH:mm},{(d.Minute % 2 == 0 ? "สูง" : "ปานกลาง")},"
                + $"เชียงใหม่,,,{(d.Minute % 3 == 0 ? "ป่าอนุรักษ์" : "ชุมชนและอื่นๆ")}\n");
        }
        var path = Path.Combine(_dir, name);
        await File.WriteAllTextAsync(path, text.ToString(), new UTF8Encoding(false));
        await new GistdaImporter(_db.Store).ImportAsync(path, strict: false);
    }

    /// <summary>
    /// Distinct detections over six UTC days (the later hours fall on the next Bangkok day) around and inside the
    /// province: one in six exactly on a border (the shared ones at 98.45, 98.5, 98.6 or the outer edge at 98 E), the
    /// rest scattered a little beyond the province, so some lie outside every district.
    /// </summary>
    private static List<Detection> Pool(Random random, int count) =>
        [.. Enumerable.Range(0, count).Select(i =>
        {
            var satellite = Satellites[random.Next(Satellites.Length)];
            var longitude = random.Next(6) == 0 ? (random.Next(4) == 0 ? 98.0 : Borders[random.Next(Borders.Length)])
                : Math.Round(97.95 + random.NextDouble() * 1.1, 4);
            var latitude = Math.Round(17.95 + random.NextDouble() * 1.1, 4);
            return new Detection(satellite, random.Next(Days), random.Next(24 * 60), longitude, latitude,
                "lnh"[random.Next(3)], random.Next(2) == 0 ? 'D' : 'N', random.Next(5) is var t && t < 4 ? t : null, Nrt: true);
        }).DistinctBy(d => (d.Satellite, d.UtcDay, d.Minute, d.Longitude, d.Latitude))];

    private static Detection Standard(Detection d) => d with { Nrt = false };

    /// <summary>One detection of the pool and its FIRMS line (VIIRS or MODIS, NRT or standard, with or without a type).</summary>
    private sealed record Detection(string Satellite, int UtcDay, int Minute, double Longitude, double Latitude, char Confidence,
        char DayNight, int? Type, bool Nrt)
    {
        public DateTime Utc => FirstDay.AddDays(UtcDay).ToDateTime(TimeOnly.MinValue).AddMinutes(Minute);

        public string Line
        {
            get
            {
                var modis = Satellite is "Terra" or "Aqua";
                var confidence = modis ? (Confidence switch { 'l' => "20", 'n' => "55", _ => "90" }) : Confidence.ToString();
                var version = (modis ? "6.1" : "2.0") + (Nrt ? "NRT" : "");
                return string.Create(CultureInfo.InvariantCulture,
                    $"{Latitude},{Longitude},330.5,0.4,0.4,{Utc:yyyy-MM-dd},{Utc:HHmm},{Satellite},{(modis ? "MODIS" : "VIIRS")},"
                    + $"{confidence},{version},290.1,5.5,{DayNight},{Type}");
            }
        }
    }
}
