using System.Globalization;
using Gis.Core.Plans;
using Gis.Core.Targets;
using Gis.Core.Time;
using Gis.Importers.Store;
using Gis.Importers.Targets;

namespace Gis.Importers.Planning;

/// <summary>
/// The planner's edits of a year's allocation table (<c>district_allocation</c>): set a district's rai (which locks
/// it), lock or unlock a value, re-balance the unlocked rest. Every edit re-splits with <see cref="Allocation.Split"/>
/// (largest remainder, stored weights) so the districts still add up exactly to the target, and is saved in one
/// transaction with its audit-history entry (<see cref="PlannerHistory"/>).
/// </summary>
/// <param name="provinceCode">Two-digit DOPA province code (50 = Chiang Mai).</param>
public sealed class AllocationEditor(GisStore store, string provinceCode, TimeProvider? clock = null)
{
    /// <summary>Largest provincial target accepted, in rai a year: far above the plan's 1,000, below nonsense.</summary>
    public const int MaxTargetRai = AllocationService.MaxTargetRai;

    /// <summary>
    /// Every district of the province (code order) with its share of the stored table of <paramref name="year"/> (BE)
    /// and its green-project rai of that year (union of the areas inside it). Shares are null, the target 0, when no
    /// table is stored. Cost: the green-target union per district plus one small query.
    /// </summary>
    public async Task<AllocationTable> GetAsync(int year, CancellationToken cancellationToken = default)
    {
        var (projects, _, _) = await new GreenTargetService(store).ProjectsRaiAsync(year, provinceCode, cancellationToken);
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, """
            SELECT a.code, a.name_th, a.name_en, d.allocation_rai, coalesce(d.locked, false), d.weight, d.target_rai, d.weight_kind,
                   d.version
            FROM admin_area a LEFT JOIN district_allocation d ON d.district_code = a.code AND d.year = $1
            WHERE a.level = 4 AND a.province_code = $2 ORDER BY a.code
            """, (short)year, provinceCode);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<AllocationRow>();
        var (target, weightKind) = (0, "");
        long? version = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var code = reader.GetString(0);
            var stored = !reader.IsDBNull(3);
            rows.Add(new AllocationRow(code, reader.GetString(1), reader.GetString(2), stored ? reader.GetInt32(3) : null,
                reader.GetBoolean(4), stored ? reader.GetDouble(5) : null, projects.GetValueOrDefault(code)));
            if (stored)
                (target, weightKind, version) = (reader.GetInt32(6), reader.GetString(7), Math.Max(version ?? 0, reader.GetInt64(8)));
        }
        return new AllocationTable(year, provinceCode, target, weightKind, rows, version);
    }

    /// <summary>Makes the year's first table: <paramref name="targetRai"/> split by <paramref name="weight"/>, nothing locked.</summary>
    /// <exception cref="PlannerException">A table is stored already, or the year, target or user is refused.</exception>
    public async Task<long> CreateAsync(int year, int targetRai, AllocationWeight weight, string user,
        CancellationToken cancellationToken = default)
    {
        CheckInput(year, targetRai, user);
        List<(string Code, double Weight)> weights;
        try
        {
            (weights, _) = await new AllocationService(store).WeightsAsync(year, provinceCode, weight, cancellationToken);
        }
        catch (StoreException e)
        {
            throw new PlannerException(PlannerRefusal.Invalid, e.Message);
        }
        if (weights.Count == 0)
            throw new PlannerException(PlannerRefusal.Invalid,
                $"no districts of province {provinceCode} are imported: run 'gis import boundaries FILE' first");
        var kind = weight.ToString().ToLowerInvariant();
        return await EditAsync(year, user, "create",
            new PlannerSummary(Invariant($"create the {year} allocation: {targetRai} rai by {kind}"),
                Invariant($"สร้างตารางจัดสรรปี {year}: {targetRai} ไร่ ตาม{KindTh(weight)}")), mustExist: false, basedOn: null,
            _ => (targetRai, kind, Split(targetRai, weights, new Dictionary<string, int>())), cancellationToken);
    }

    /// <summary>Sets a district's rai and locks it; the unlocked districts share the rest of the target again.</summary>
    /// <param name="basedOnVersion">The <see cref="AllocationTable.Version"/> the edit was made on; a table stored since refuses
    /// the edit as stale (ADR 0035). Null skips the check. The same for every edit of the table.</param>
    /// <exception cref="PlannerException">No table, unknown district, the locked values would exceed the target, or the table
    /// changed since <paramref name="basedOnVersion"/>.</exception>
    public Task<long> SetAsync(int year, string districtCode, int allocationRai, string user, long? basedOnVersion = null,
        CancellationToken cancellationToken = default)
    {
        if (allocationRai < 0)
            throw new PlannerException(PlannerRefusal.Invalid,
                Invariant($"{allocationRai} rai for {districtCode}: an allocation cannot be negative"));
        return EditAsync(year, user, "set",
            new PlannerSummary(Invariant($"set {districtCode} to {allocationRai} rai (locked) in the {year} allocation"),
            Invariant($"กำหนด {districtCode} เป็น {allocationRai} ไร่ (ล็อก) ในตารางจัดสรรปี {year}")), mustExist: true, basedOnVersion,
            table =>
            {
                Row(table, districtCode);
                var locks = Locks(table);
                locks[districtCode] = allocationRai;
                return (table.Target, table.WeightKind, Split(table.Target, Weights(table), locks));
            }, cancellationToken);
    }

    /// <summary>Locks (keeps as it is) or unlocks a district's value; no value changes until a re-balance.</summary>
    public Task<long> LockAsync(int year, string districtCode, bool locked, string user, long? basedOnVersion = null,
        CancellationToken cancellationToken = default) =>
        EditAsync(year, user, locked ? "lock" : "unlock",
            new PlannerSummary(Invariant($"{(locked ? "lock" : "unlock")} {districtCode} in the {year} allocation"),
                Invariant($"{(locked ? "ล็อก" : "ปลดล็อก")} {districtCode} ในตารางจัดสรรปี {year}")), mustExist: true, basedOnVersion,
            table =>
            {
                Row(table, districtCode);
                return (table.Target, table.WeightKind,
                    [.. table.Rows.Select(r => r.Code == districtCode ? r with { Locked = locked } : r)]);
            }, cancellationToken);

    /// <summary>
    /// Shares the target (a new one when <paramref name="targetRai"/> is given) over the unlocked districts again, in
    /// proportion to their stored weights; locked districts keep their values.
    /// </summary>
    public Task<long> RebalanceAsync(int year, int? targetRai, string user, long? basedOnVersion = null,
        CancellationToken cancellationToken = default)
    {
        if (targetRai is { } t)
            CheckInput(year, t, user);
        return EditAsync(year, user, "rebalance",
            new PlannerSummary(Invariant($"re-balance the {year} allocation{(targetRai is { } n ? $" to {n} rai" : "")}"),
                Invariant($"จัดสรรใหม่ตารางปี {year}{(targetRai is { } m ? $" เป็น {m} ไร่" : "")}")), mustExist: true, basedOnVersion,
            table => (targetRai ?? table.Target, table.WeightKind, Split(targetRai ?? table.Target, Weights(table), Locks(table))),
                cancellationToken);
    }

    // The weights in the page's Thai: what the split follows.
    private static string KindTh(AllocationWeight weight) => weight switch
    {
        AllocationWeight.Restorable => "พื้นที่ที่ฟื้นฟูได้",
        AllocationWeight.Area => "ขนาดพื้นที่อำเภอ",
        _ => "จำนวนจุดความร้อน",
    };

    private sealed record StoredTable(int Target, string WeightKind, IReadOnlyList<DistrictAllocation> Rows);

    private async Task<long> EditAsync(int year, string user, string action, PlannerSummary summary, bool mustExist, long? basedOn,
        Func<StoredTable, (int Target, string WeightKind, IReadOnlyList<DistrictAllocation> Rows)> edit, CancellationToken ct)
    {
        CheckInput(year, null, user);
        await using var tx = await PlannerTransaction.BeginAsync(store, ct);
        var key = PlannerTransaction.AllocationKey(year, provinceCode);
        var table = await LoadAsync(tx, year, ct);
        var version = await tx.ScalarAsync<long?>(
            "SELECT max(version) FROM district_allocation WHERE year = $1 AND left(district_code, 2) = $2", ct, (short)year, provinceCode);
        await PlannerConflicts.CheckAsync(tx, key, Invariant($"the {year} allocation of province {provinceCode}"), version, basedOn, ct);
        if (mustExist && table.Rows.Count == 0)
            throw new PlannerException(PlannerRefusal.NotFound,
                Invariant($"no allocation of {year} is stored for province {provinceCode}: create one first"));
        if (!mustExist && table.Rows.Count > 0)
            throw new PlannerException(PlannerRefusal.Conflict,
                Invariant($"an allocation of {year} is stored already for province {provinceCode}: edit or re-balance it"));

        var before = await tx.SnapshotAsync([key], ct);
        var (target, weightKind, rows) = edit(table);
        await AllocationService.WriteAsync(tx.Connection, tx.Tx, new StoredAllocation(year, provinceCode, target, weightKind, rows), ct);
        var change = await tx.RecordAsync(new PlannerChangeDraft(user.Trim(), "district_allocation",
            Invariant($"{year}|{provinceCode}"), action, summary, [key], [], before, await tx.SnapshotAsync([key], ct)), ct);
        await tx.CommitAsync(ct);
        return change;
    }

    private async Task<StoredTable> LoadAsync(PlannerTransaction tx, int year, CancellationToken ct)
    {
        var stored = await AllocationService.LoadForUpdateAsync(tx.Connection, tx.Tx, year, provinceCode, ct);
        return new StoredTable(stored.TargetRai, stored.WeightKind, stored.Districts);
    }

    private void CheckInput(int year, int? targetRai, string user)
    {
        var currentYear = ThaiCalendar.BuddhistYear(DateOnly.FromDateTime((clock ?? TimeProvider.System).GetUtcNow().UtcDateTime));
        var problems = new List<string>(PlanAreaRules.CheckText("user", user));
        problems.AddRange(PlanAreaRules.CheckYear(year, currentYear));
        if (targetRai is < 1 or > MaxTargetRai)
            problems.Add(Invariant($"target {targetRai} rai is out of range: 1 to {MaxTargetRai:N0} rai a year"));
        PlannerException.ThrowIfAny(problems);
    }

    private static DistrictAllocation Row(StoredTable table, string code) =>
        table.Rows.FirstOrDefault(r => r.Code == code)
        ?? throw new PlannerException(PlannerRefusal.NotFound, $"district {code} is not in the allocation table");

    private static Dictionary<string, int> Locks(StoredTable table) => table.Rows.Where(r => r.Locked).ToDictionary(r => r.Code,
        r => r.AllocationRai);

    private static List<(string Code, double Weight)> Weights(StoredTable table) => [.. table.Rows.Select(r => (r.Code, r.Weight))];

    private static IReadOnlyList<DistrictAllocation> Split(int targetRai, IReadOnlyList<(string Code, double Weight)> weights,
        IReadOnlyDictionary<string, int> locks)
    {
        try
        {
            return Allocation.Split(targetRai, weights, locks).Districts;
        }
        catch (ArgumentException e)
        {
            throw new PlannerException(PlannerRefusal.Invalid, "cannot re-balance: " + e.Message);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
