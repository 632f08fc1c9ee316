using System.Globalization;
using Gis.Core.Hotspots;
using Gis.Core.Periods;
using Gis.Core.Targets;
using Gis.Importers.Planning;
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

/// <summary>The stored split of a year's target, and what the run did to the table that was stored before.</summary>
/// <param name="Districts">Every district's share as stored now.</param>
public sealed record AllocationReport(int Year, int TargetRai, AllocationWeight Weight, string WeightSource,
    IReadOnlyList<DistrictAllocation> Districts, bool EqualSplit)
{
    /// <summary>Locked districts of the stored table whose values and locks the run kept.</summary>
    public IReadOnlyList<DistrictAllocation> KeptLocks { get; init; } = [];

    /// <summary>With <c>replace</c>: each thing of the stored table the run removed or changed, as a phrase.</summary>
    public IReadOnlyList<string> Replaced { get; init; } = [];

    /// <summary>The run's entry in the planner's history; null when nothing changed (and nothing was written).</summary>
    public long? ChangeId { get; init; }

    /// <summary>
    /// The planner's edit of the table the run wrote over ("change #12 by somchai"), when one was in force; then
    /// <see cref="Overwritten"/> lists what of it changed, and undoing <see cref="ChangeId"/> brings it back (ADR 0035).
    /// </summary>
    public string? OverwrotePlannerEdit { get; init; }

    /// <summary>What the run changed of the table a planner edited, as a phrase each; empty when no planner edit was in force.</summary>
    public IReadOnlyList<string> Overwritten { get; init; } = [];
}

/// <summary>Splits the provincial green-area target over districts and stores the split (<c>district_allocation</c>).</summary>
/// <remarks>
/// The table is the planner's too (ADR 0018): a run keeps the stored locks, refuses to overwrite a table a planner
/// edited unless told to replace it, and enters the planner's audit history, so its undo works and it blocks the undo
/// of what it overwrote.
/// </remarks>
public sealed class AllocationService(GisStore store)
{
    /// <summary>Largest provincial target accepted, in rai a year: far above the plan's 1,000, below nonsense.</summary>
    public const int MaxTargetRai = 1_000_000;

    /// <summary>
    /// Computes the weights and splits <paramref name="targetRai"/> around the locked districts: those of the stored
    /// table (value and lock kept, unless <paramref name="replace"/>) and <paramref name="locks"/>. Replaces the year's
    /// stored allocation for the province in one transaction with its history entry (source <c>cli</c>). Writes
    /// nothing when the result equals the stored table.
    /// </summary>
    /// <param name="year">Buddhist Era year of the target.</param>
    /// <param name="user">Who runs it (the OS user), recorded in the history.</param>
    /// <param name="replace">Overwrite a table a planner edited, dropping its locks; the report lists what went.</param>
    /// <exception cref="StoreException">
    /// The target is out of range, there are no districts or no usable weights, a lock cannot be kept, or a planner
    /// edited the stored table and the run would change it without <paramref name="replace"/>. Nothing is written.
    /// </exception>
    public async Task<AllocationReport> AllocateAsync(int year, string provinceCode, int targetRai, AllocationWeight weight,
        IReadOnlyDictionary<string, int> locks, string user, bool replace, CancellationToken cancellationToken = default)
    {
        if (targetRai is < 1 or > MaxTargetRai)
            throw new StoreException(Invariant($"target {targetRai} rai is out of range: the provincial target is 1 to ")
                + Invariant($"{MaxTargetRai:N0} rai a year"));
        var (weights, source) = await WeightsAsync(year, provinceCode, weight, cancellationToken);
        if (weights.Count == 0)
            throw new StoreException($"No districts of province {provinceCode} are imported: run 'gis import boundaries FILE' first.");

        await using var tx = await PlannerTransaction.BeginAsync(store, cancellationToken);
        var stored = await LoadForUpdateAsync(tx.Connection, tx.Tx, year, provinceCode, cancellationToken);
        var storedLocks = stored.Districts.Where(d => d.Locked).ToList();
        var allLocks = new Dictionary<string, int>(locks);
        if (!replace)
        {
            foreach (var kept in storedLocks)
            {
                if (allLocks.TryGetValue(kept.Code, out var asked) && asked != kept.AllocationRai)
                    throw new StoreException(Invariant($"--lock {kept.Code}={asked}: {kept.Code} is locked at {kept.AllocationRai} rai ")
                        + Invariant($"in the stored {year} allocation; give --replace to change it"));
                allLocks[kept.Code] = kept.AllocationRai;
            }
        }
        AllocationResult split;
        try
        {
            split = Allocation.Split(targetRai, weights, allLocks);
        }
        catch (ArgumentException e)
        {
            throw new StoreException("cannot allocate: " + e.Message
                + (replace || storedLocks.Count == 0 ? "" : " (locks of the stored table are kept; --replace drops them)"), e);
        }

        var next = new StoredAllocation(year, provinceCode, targetRai, weight.ToString().ToLowerInvariant(), split.Districts);
        var report = new AllocationReport(year, targetRai, weight, source, split.Districts, split.EqualSplit)
        {
            KeptLocks = replace ? [] : storedLocks,
        };
        var differences = Differences(stored, next);
        if (stored.Districts.Count > 0 && differences.Count == 0)
            return report;
        // Locks are kept, so what a run can take from the planner is the target and the weights they chose; re-splitting
        // the unlocked rest by the table's own target and weights is what the planner's re-balance does.
        var overrules = stored.TargetRai != next.TargetRai || stored.WeightKind != next.WeightKind;
        var edit = stored.Districts.Count > 0 ? await PlannerEditAsync(tx, year, provinceCode, cancellationToken) : null;
        if (overrules && !replace && edit is not null)
            throw new StoreException(Invariant($"the {year} allocation of province {provinceCode} was edited in the planner ({edit}) ")
                + $"and this run would change it: {string.Join("; ", differences)}. Nothing stored; give --replace to overwrite it");

        var key = PlannerTransaction.AllocationKey(year, provinceCode);
        var overriding = replace && stored.Districts.Count > 0;
        var before = await tx.SnapshotAsync([key], cancellationToken);
        await WriteAsync(tx.Connection, tx.Tx, next, cancellationToken);
        var kind = next.WeightKind;
        var change = await tx.RecordAsync(new PlannerChangeDraft(user, "district_allocation", Invariant($"{year}|{provinceCode}"),
            overriding ? "replace" : "allocate", new PlannerSummary(
                Invariant($"gis allocate {year}: {targetRai} rai by {kind}") + (overriding ? " (--replace)" : "")
                    + (report.KeptLocks.Count > 0 ? Invariant($", {report.KeptLocks.Count} locked district(s) kept") : ""),
                Invariant($"gis allocate ปี {year}: {targetRai} ไร่ ตาม {kind}")
                    + (report.KeptLocks.Count > 0 ? Invariant($" คงค่าที่ล็อก {report.KeptLocks.Count} อำเภอ") : "")),
            [key], [], before, await tx.SnapshotAsync([key], cancellationToken), Source: PlannerTransaction.CliSource), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return report with
        {
            ChangeId = change,
            Replaced = replace ? differences : [],
            OverwrotePlannerEdit = edit,
            Overwritten = edit is null ? [] : differences,
        };
    }

    /// <summary>What storing <paramref name="next"/> changes of <paramref name="stored"/>, one phrase each; empty when equal.</summary>
    private static List<string> Differences(StoredAllocation stored, StoredAllocation next)
    {
        var changes = new List<string>();
        if (stored.Districts.Count == 0)
            return changes;
        if (stored.TargetRai != next.TargetRai)
            changes.Add(Invariant($"target {stored.TargetRai} -> {next.TargetRai} rai"));
        if (stored.WeightKind != next.WeightKind)
            changes.Add($"weights {stored.WeightKind} -> {next.WeightKind}");
        var now = next.Districts.ToDictionary(d => d.Code);
        foreach (var old in stored.Districts)
        {
            var d = now.GetValueOrDefault(old.Code);
            if (d is null)
                changes.Add(Invariant($"{old.Code} {old.AllocationRai} rai removed"));
            else if (old.Locked && !d.Locked)
                changes.Add(Invariant($"lock of {old.Code} ({old.AllocationRai} rai) removed")
                    + (d.AllocationRai != old.AllocationRai ? Invariant($", now {d.AllocationRai} rai") : ""));
            else if (d.AllocationRai != old.AllocationRai || d.Locked != old.Locked)
                changes.Add(Invariant($"{old.Code} {old.AllocationRai} -> {d.AllocationRai} rai")
                    + (d.Locked && !old.Locked ? " (locked)" : ""));
        }
        return changes;
    }

    /// <summary>
    /// The planner's latest edit (or undo) of the table still in force, as "change #12 by somchai", unless a run with
    /// --replace overrode it since; null when there is none.
    /// </summary>
    private static async Task<string?> PlannerEditAsync(PlannerTransaction tx, int year, string provinceCode, CancellationToken ct)
    {
        await using var command = tx.Command("""
            SELECT id, changed_by, source FROM planner_change
            WHERE $1 = ANY (writes) AND undone_by IS NULL AND (source = $2 OR action = 'replace') ORDER BY id DESC LIMIT 1
            """, PlannerTransaction.AllocationKey(year, provinceCode), PlannerTransaction.PageSource);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) && reader.GetString(2) == PlannerTransaction.PageSource
            ? Invariant($"change #{reader.GetInt64(0)} by {reader.GetString(1)}")
            : null;
    }

    /// <summary>The year's stored table of the province, rows locked for the caller's transaction; no rows when none is stored.</summary>
    internal static async Task<StoredAllocation> LoadForUpdateAsync(Npgsql.NpgsqlConnection connection, Npgsql.NpgsqlTransaction tx,
        int year, string provinceCode, CancellationToken ct)
    {
        await using var command = Sql.Command(connection, tx, """
            SELECT district_code, allocation_rai, locked, weight, target_rai, weight_kind FROM district_allocation
            WHERE year = $1 AND left(district_code, 2) = $2 ORDER BY district_code FOR UPDATE
            """, (short)year, provinceCode);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<DistrictAllocation>();
        var (target, kind) = (0, "");
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new DistrictAllocation(reader.GetString(0), reader.GetInt32(1), reader.GetBoolean(2), reader.GetDouble(3)));
            (target, kind) = (reader.GetInt32(4), reader.GetString(5));
        }
        return new StoredAllocation(year, provinceCode, target, kind, rows);
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
        // Every district at 0 is no data, not a fact: an equal split would pass a missing layer off as a result.
        if (weights.Count > 0 && weights.All(w => w.Item2 <= 0))
            throw new StoreException($"--weight restorable: land-use snapshot {snapshot} has no non-green parcel in any district of "
                + $"province {provinceCode}, so every district would weigh 0: import the province's land use "
                + "('gis import landuse FILE --snapshot YEAR') or use --weight area.");
        return (weights, $"non-green land-use area of snapshot {snapshot} (rai)");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
