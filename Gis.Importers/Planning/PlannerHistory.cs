using System.Globalization;
using System.Text.Json.Nodes;
using Gis.Core.Plans;
using Gis.Core.Time;
using Gis.Importers.Store;

namespace Gis.Importers.Planning;

/// <summary>
/// The planner's audit history (<c>planner_change</c>): every edit with who, when, and the state before and after;
/// and undo, which puts the state before back in one transaction and is itself recorded.
/// </summary>
/// <remarks>
/// A change can be undone while no later change that is still in force wrote or relied on what it wrote (undo those
/// first, latest first), and while what it wrote is still as it left it (a project import may have replaced it).
/// An undo itself is not undone: the planner makes the edit again. See ADR 0010.
/// </remarks>
public sealed class PlannerHistory(GisStore store)
{
    // A change touches a district when a polygon it wrote or removed overlaps it (not merely touches), a project it wrote
    // names it, or the district's row of an allocation table differs before and after.
    private const string TouchesDistrict = """
        EXISTS (
            SELECT FROM (SELECT key, value FROM jsonb_each(c.before) UNION ALL SELECT key, value FROM jsonb_each(c.after)) s (k, v)
            WHERE jsonb_typeof(s.v) = 'object' AND (
                (s.k LIKE 'area:%' AND EXISTS (
                    SELECT FROM admin_area d, LATERAL (SELECT ST_GeomFromEWKB(decode(s.v ->> 'geom', 'hex')) AS geom) g
                    WHERE d.level = 4 AND d.code = $6 AND ST_Intersects(d.geom, g.geom) AND NOT ST_Touches(d.geom, g.geom)))
                OR (s.k LIKE 'project:%' AND s.v -> 'districts' ? $6)))
        OR EXISTS (
            SELECT FROM unnest(c.writes) k
            WHERE k = 'allocation:' || split_part(k, ':', 2) || ':' || left($6, 2)
              AND (SELECT e - 'computed_at' FROM jsonb_array_elements(CASE jsonb_typeof(c.before -> k) WHEN 'array'
                       THEN c.before -> k ELSE '[]' END) e WHERE e ->> 'district_code' = $6)
                  IS DISTINCT FROM (SELECT e - 'computed_at' FROM jsonb_array_elements(CASE jsonb_typeof(c.after -> k) WHEN 'array'
                       THEN c.after -> k ELSE '[]' END) e WHERE e ->> 'district_code' = $6))
        """;

    // Later changes still in force that wrote or read a key the change wrote: they stand on its result.
    private const string LaterDependents = """
        SELECT coalesce(array_agg(l.id ORDER BY l.id DESC), '{}') FROM planner_change l
        WHERE l.id > c.id AND l.undone_by IS NULL AND l.undoes IS NULL AND (l.writes && c.writes OR l.reads && c.writes)
        """;

    /// <summary>
    /// The latest <paramref name="limit"/> changes, newest first, each saying whether it can be undone now: by the
    /// rule <see cref="UndoAsync"/> applies, including that what it wrote is still as it left it, so an entry the
    /// history offers to undo can be undone. Cost: one query, plus one state read per key of the changes that no
    /// later change stands on.
    /// </summary>
    public Task<IReadOnlyList<PlannerChange>> ListAsync(int limit = 200, CancellationToken cancellationToken = default) =>
        ListAsync(new PlannerHistoryFilter(), limit, cancellationToken);

    /// <summary>
    /// As <see cref="ListAsync(int, CancellationToken)"/>, only the changes <paramref name="filter"/> lets through (whether
    /// a change can be undone still looks at every change). Cost: the project and district filters read the states of
    /// each change (the district one decodes its polygons), fine for a history of thousands of edits.
    /// </summary>
    public async Task<IReadOnlyList<PlannerChange>> ListAsync(PlannerHistoryFilter filter, int limit = 200,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var tx = await PlannerTransaction.BeginReadAsync(store, cancellationToken);
        var changes = new List<PlannerChange>();
        var candidates = new List<(int Index, string[] Writes, JsonObject After)>();
        await using (var command = tx.Command($"""
            SELECT c.id, c.changed_at, c.changed_by, c.entity, c.entity_id, c.action, c.summary, c.before::text, c.after::text,
                   c.undoes, c.undone_by, ({LaterDependents}), c.summary_th, c.writes, c.source
            FROM planner_change c
            WHERE ($2::text IS NULL OR c.changed_by = $2)
              AND ($3::timestamptz IS NULL OR c.changed_at >= $3) AND ($4::timestamptz IS NULL OR c.changed_at < $4)
              AND ($5::text IS NULL OR 'project:' || $5 = ANY (c.writes || c.reads) OR EXISTS (
                    SELECT FROM (SELECT value FROM jsonb_each(c.before) UNION ALL SELECT value FROM jsonb_each(c.after)) s (v)
                    WHERE jsonb_typeof(s.v) = 'object' AND s.v ->> 'project_code' = $5))
              AND ($6::text IS NULL OR {TouchesDistrict})
            ORDER BY c.id DESC LIMIT $1
            """, limit, Blank(filter.ChangedBy), filter.From is { } from ? Bangkok.StartUtc(from) : null,
            filter.To is { } to ? Bangkok.StartUtc(to.AddDays(1)) : null, Blank(filter.ProjectCode), Blank(filter.DistrictCode)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                long? undoes = reader.IsDBNull(9) ? null : reader.GetInt64(9), undoneBy = reader.IsDBNull(10) ? null : reader.GetInt64(10);
                var blocker = Blocker(reader.GetInt64(0), undoes, undoneBy, reader.GetFieldValue<long[]>(11));
                if (blocker is null)
                    candidates.Add((changes.Count, reader.GetFieldValue<string[]>(13), JsonNode.Parse(reader.GetString(8))!.AsObject()));
                changes.Add(new PlannerChange(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2),
                    reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7),
                    reader.GetString(8), undoes, undoneBy, blocker is null, blocker, reader.IsDBNull(12) ? null : reader.GetString(12),
                    reader.GetString(14)));
            }
        }
        foreach (var (index, writes, after) in candidates)
        {
            if (Moved(writes, await tx.SnapshotAsync(writes, cancellationToken), after) is { } moved)
                changes[index] = changes[index] with { CanUndo = false, UndoBlockedBy = moved };
        }
        return changes;
    }

    /// <summary>
    /// Undoes a change: every state it wrote goes back to what it was before it, in one transaction, and the undo is
    /// recorded as a change of its own (action <c>undo</c>) by <paramref name="user"/>.
    /// </summary>
    /// <returns>The id of the undo's history entry.</returns>
    /// <exception cref="PlannerException">
    /// Not found; already undone; an undo itself; a later change depends on it; or what it wrote was changed since
    /// outside the planner. Nothing is written then.
    /// </exception>
    public async Task<long> UndoAsync(long changeId, string user, CancellationToken cancellationToken = default)
    {
        PlannerException.ThrowIfAny(PlanAreaRules.CheckText("user", user));
        await using var tx = await PlannerTransaction.BeginAsync(store, cancellationToken);
        string entity, entityId, summary, summaryTh;
        string[] writes, reads;
        JsonObject before, after;
        long? undoes, undoneBy;
        long[] dependents;
        await using (var command = tx.Command($"""
            SELECT c.entity, c.entity_id, c.summary, c.writes, c.reads, c.before::text, c.after::text, c.undoes, c.undone_by,
                   ({LaterDependents}), coalesce(c.summary_th, c.summary)
            FROM planner_change c WHERE c.id = $1
            """, changeId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
                throw new PlannerException(PlannerRefusal.NotFound, Invariant($"change #{changeId} is not in the history"));
            (entity, entityId, summary) = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
            (writes, reads) = (reader.GetFieldValue<string[]>(3), reader.GetFieldValue<string[]>(4));
            before = JsonNode.Parse(reader.GetString(5))!.AsObject();
            after = JsonNode.Parse(reader.GetString(6))!.AsObject();
            undoes = reader.IsDBNull(7) ? null : reader.GetInt64(7);
            undoneBy = reader.IsDBNull(8) ? null : reader.GetInt64(8);
            dependents = reader.GetFieldValue<long[]>(9);
            summaryTh = reader.GetString(10);
        }
        if (Blocker(changeId, undoes, undoneBy, dependents) is { } blocker)
        {
            // Like a stale save (ADR 0035): the later changes in the way are named with what they did, by whom and when.
            var later = await PlannerConflicts.OfAsync(tx, writes, [.. dependents.Order()], cancellationToken);
            throw new PlannerException(PlannerRefusal.Conflict, Invariant($"change #{changeId} cannot be undone: {blocker}")
                + (later.Count > 0 ? ": " + string.Join("; ", later.Select(PlannerConflicts.Describe)) : ""))
            {
                Conflict = later.Count > 0 ? new PlannerConflict(string.Join(" ", writes), null, null, later) : null,
            };
        }

        var now = await tx.SnapshotAsync(writes, cancellationToken);
        if (Moved(writes, now, after) is { } moved)
        {
            throw new PlannerException(PlannerRefusal.Conflict, Invariant($"change #{changeId} cannot be undone: {moved}"))
            {
                Conflict = new PlannerConflict(string.Join(" ", writes), null, null, []),
            };
        }

        await tx.RestoreAsync(before, cancellationToken);
        var undo = await tx.RecordAsync(new PlannerChangeDraft(user.Trim(), entity, entityId, "undo",
            new PlannerSummary(Invariant($"undo #{changeId}: {summary}"), Invariant($"ย้อนกลับ #{changeId}: {summaryTh}")),
            writes, reads, now, await tx.SnapshotAsync(writes, cancellationToken), changeId), cancellationToken);
        await tx.ExecuteAsync("UPDATE planner_change SET undone_by = $2 WHERE id = $1", cancellationToken, changeId, undo);
        await tx.CommitAsync(cancellationToken);
        return undo;
    }

    private static string? Blocker(long id, long? undoes, long? undoneBy, long[] dependents) =>
        undoneBy is { } by ? Invariant($"it was undone already by change #{by}")
        : undoes is { } target ? Invariant($"it is the undo of change #{target}; make that edit again instead")
        : dependents.Length > 0
            ? Invariant($"later change(s) {string.Join(", ", dependents.Select(d => "#" + d.ToString(CultureInfo.InvariantCulture)))}")
                + Invariant($" depend on change #{id}: undo them first, latest first")
        : null;

    // Every gis command that writes these tables records itself, so what is left is an edit the history never saw.
    private static string? Moved(IEnumerable<string> writes, JsonObject now, JsonObject after) =>
        writes.Where(k => !JsonNode.DeepEquals(now[k], after[k])).ToList() is { Count: > 0 } moved
            ? $"{string.Join(", ", moved)} changed since outside the planner's history (an edit in QGIS or SQL, or an older gis)"
                + "; edit it instead"
            : null;

    /// <summary>Everyone who made a change, in name order: what the history's person filter offers.</summary>
    public async Task<IReadOnlyList<string>> PeopleAsync(CancellationToken cancellationToken = default)
    {
        await using var tx = await PlannerTransaction.BeginReadAsync(store, cancellationToken);
        return await tx.ScalarAsync<string[]>(
            "SELECT coalesce(array_agg(DISTINCT changed_by ORDER BY changed_by), '{}') FROM planner_change", cancellationToken);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Which changes the history lists; a null field lets every change through.</summary>
/// <param name="ChangedBy">Who made it, exactly as recorded.</param>
/// <param name="ProjectCode">A plan project it wrote, relied on, or whose areas it wrote or removed.</param>
/// <param name="DistrictCode">A DOPA district (4 digits) it touched: see <see cref="PlannerHistory"/>.</param>
/// <param name="From">First Bangkok local day, inclusive.</param>
/// <param name="To">Last Bangkok local day, inclusive.</param>
public sealed record PlannerHistoryFilter(string? ChangedBy = null, string? ProjectCode = null, string? DistrictCode = null,
    DateOnly? From = null, DateOnly? To = null);
