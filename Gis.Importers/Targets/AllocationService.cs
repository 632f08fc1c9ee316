using Gis.Core.Hotspots;
using Gis.Core.Periods;
using Gis.Core.Targets;
using Gis.Importers.Queries.AdminAreas;
using Gis.Importers.Queries.Hotspots;
using Gis.Importers.Store;

namespace Gis.Importers.Targets;

/// <summary>What the provincial green-area target is shared in proportion to.</summary>
public enum AllocationWeight
{
    /// <summary>Restorable land: the district's non-green land-use area (rai) in the latest snapshot up to the year.</summary>
    Restorable,

    /// <summary>The district's area (rai, on the ellipsoid).</summary>
    Area,

    /// <summary>The district's hotspots (VIIRS detections) in the previous fire season.</summary>
    Hotspots,
}

/// <summary>A year's split of a province's target as <c>district_allocation</c> keeps it.</summary>
/// <param name="Year">Buddhist Era year of the target.</param>
/// <param name="WeightKind">What the split was in proportion to (restorable, area, hotspots), or the planner's kind.</param>
internal sealed record StoredAllocation(int Year, string ProvinceCode, int TargetRai, string WeightKind,
    IReadOnlyList<DistrictAllocation> Districts);

/// <summary>The stored split of a year's target.</summary>
public sealed record AllocationReport(int Year, int TargetRai, AllocationWeight Weight, string WeightSource,
    IReadOnlyList<DistrictAllocation> Districts, bool EqualSplit);

/// <summary>Splits the provincial green-area target over districts and stores the split (<c>district_allocation</c>).</summary>
public sealed class AllocationService(GisStore store)
{
    /// <summary>
    /// Computes the weights, splits <paramref name="targetRai"/> (locked districts kept), and replaces the year's stored
    /// allocation for the province in one transaction.
    /// </summary>
    /// <param name="year">Buddhist Era year of the target.</param>
    public async Task<AllocationReport> AllocateAsync(int year, string provinceCode, int targetRai, AllocationWeight weight,
        IReadOnlyDictionary<string, int> locks, CancellationToken cancellationToken = default)
    {
        var (weights, source) = await WeightsAsync(year, provinceCode, weight, cancellationToken);
        if (weights.Count == 0)
            throw new StoreException($"No districts of province {provinceCode} are imported: run 'gis import boundaries FILE' first.");
        AllocationResult split;
        try
        {
            split = Allocation.Split(targetRai, weights, locks);
        }
        catch (ArgumentException e)
        {
            throw new StoreException("cannot allocate: " + e.Message, e);
        }

        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var stored = new StoredAllocation(year, provinceCode, targetRai, weight.ToString().ToLowerInvariant(), split.Districts);
        await WriteAsync(connection, tx, stored, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new AllocationReport(year, targetRai, weight, source, split.Districts, split.EqualSplit);
    }

    /// <summary>Replaces the year's stored allocation of the province inside the caller's transaction (the planner's too).</summary>
    internal static async Task WriteAsync(Npgsql.NpgsqlConnection connection, Npgsql.NpgsqlTransaction tx, StoredAllocation allocation,
        CancellationToken cancellationToken)
    {
        var (year, provinceCode, targetRai, weightKind, districts) = allocation;
        await Sql.ExecuteAsync(connection, tx, "DELETE FROM district_allocation WHERE year = $1 AND left(district_code, 2) = $2",
            cancellationToken, (short)year, provinceCode);
        foreach (var d in districts)
        {
            await Sql.ExecuteAsync(connection, tx, """
                INSERT INTO district_allocation (year, district_code, allocation_rai, locked, weight_kind, weight, target_rai)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                """, cancellationToken, (short)year, d.Code, d.AllocationRai, d.Locked, weightKind, d.Weight, targetRai);
        }
    }

    /// <summary>The stored allocation of a year, by district code (empty when none).</summary>
    public async Task<IReadOnlyDictionary<string, int>> StoredAsync(int year, string provinceCode,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null,
            "SELECT district_code, allocation_rai FROM district_allocation WHERE year = $1 AND left(district_code, 2) = $2", (short)year,
                provinceCode);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new Dictionary<string, int>();
        while (await reader.ReadAsync(cancellationToken))
            result[reader.GetString(0)] = reader.GetInt32(1);
        return result;
    }

    internal Task<(List<(string Code, double Weight)> Weights, string Source)> WeightsAsync(int year, string provinceCode,
        AllocationWeight weight, CancellationToken ct) => weight switch
        {
            AllocationWeight.Area => AreaWeightsAsync(provinceCode, ct),
            AllocationWeight.Hotspots => HotspotWeightsAsync(year, provinceCode, ct),
            _ => RestorableWeightsAsync(year, provinceCode, ct),
        };

    /// <summary>The district's area (rai, on the ellipsoid).</summary>
    private async Task<(List<(string Code, double Weight)> Weights, string Source)> AreaWeightsAsync(string provinceCode,
        CancellationToken ct)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        await using var command = Sql.Command(connection, null,
            "SELECT code, ST_Area(geom::geography) / 1600 FROM admin_area WHERE level = 4 AND province_code = $1 ORDER BY code",
            provinceCode);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var weights = new List<(string, double)>();
        while (await reader.ReadAsync(ct))
            weights.Add((reader.GetString(0), reader.GetDouble(1)));
        return (weights, "district area (rai, ellipsoidal)");
    }

    /// <summary>
    /// The district's VIIRS detections in the previous fire season, counted as the hotspot target counts them; every
    /// district listed, zero included.
    /// </summary>
    private async Task<(List<(string Code, double Weight)> Weights, string Source)> HotspotWeightsAsync(int year, string provinceCode,
        CancellationToken ct)
    {
        var season = Period.Season(year - 1);
        var (districts, _) = await new AdminAreaQueries(store).DistrictsOfAsync(provinceCode, ct);
        var counts = await new HotspotCounts(store).ByPeriodAsync([season], provinceCode, new HotspotFilter(), CountMode.Detections, ct);
        return (districts.Select(d => (d.Code, (double)counts.Counts.GetValueOrDefault((d.Code, 0)))).ToList(),
            $"VIIRS hotspots of {season.Label}");
    }

    /// <summary>
    /// Non-green land-use area (rai, ellipsoidal) per district in the latest snapshot surveyed up to the year: the
    /// land where green can be added. Parcels the district covers are measured whole; only border parcels are cut.
    /// </summary>
    private async Task<(List<(string Code, double Weight)> Weights, string Source)> RestorableWeightsAsync(int year, string provinceCode,
        CancellationToken ct)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        var snapshot = await Sql.ScalarAsync<short?>(connection, null, "SELECT max(snapshot) FROM landuse_snapshot WHERE snapshot <= $1",
            ct, (short)year)
            ?? throw new StoreException($"--weight restorable needs a land-use snapshot of {year} or earlier: "
                + "import one with 'gis import landuse FILE --snapshot YEAR', or use --weight area.");
        var weights = new List<(string, double)>();
        await using var command = Sql.Command(connection, null, """
            SELECT a.code, coalesce(sum(ST_Area((CASE WHEN ST_Covers(a.geom, p.geom) THEN p.geom
                                                      ELSE ST_Intersection(a.geom, p.geom) END)::geography)), 0) / 1600
            FROM admin_area a
            LEFT JOIN landuse_parcel p ON p.snapshot = $2 AND NOT p.is_green AND ST_Intersects(a.geom, p.geom)
            WHERE a.level = 4 AND a.province_code = $1
            GROUP BY a.code ORDER BY a.code
            """, provinceCode, snapshot);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            weights.Add((reader.GetString(0), reader.GetDouble(1)));
        return (weights, $"non-green land-use area of snapshot {snapshot} (rai)");
    }
}
