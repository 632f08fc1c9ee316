using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gis.Core.Time;

namespace Gis.Importers.Planning;

/// <summary>One field a change altered: its value before and after as text (null: absent, or a polygon).</summary>
/// <param name="Field">A column (<c>name</c>, <c>geom</c>, <c>target_rai</c>), a district code for an allocation row, or
/// <c>row</c> when the whole row was created or deleted.</param>
public sealed record PlannerFieldChange(string Field, string? Before, string? After);

/// <summary>A change that was saved after the version a refused save was based on: who, when, what.</summary>
public sealed record PlannerConflictChange(long Id, DateTimeOffset ChangedAt, string ChangedBy, string Action, string Source,
    string Summary, string? SummaryTh, IReadOnlyList<PlannerFieldChange> Fields);

/// <summary>
/// Why a save or undo was refused as stale (ADR 0035): the state <paramref name="Key"/> moved on from the version the
/// client read. <paramref name="Changes"/> lists the history's changes since, oldest first; empty when the row was
/// changed outside the planner's history (QGIS, SQL).
/// </summary>
/// <param name="BasedOnVersion">The version the client named; null for an undo (which names a change instead).</param>
/// <param name="CurrentVersion">The version stored now; null when the row is gone.</param>
public sealed record PlannerConflict(string Key, long? BasedOnVersion, long? CurrentVersion, IReadOnlyList<PlannerConflictChange> Changes);

/// <summary>
/// The stale-save rule: a save names the version it was based on, and when the stored row has moved on the save is refused
/// with what changed since, by whom and when, read from <c>planner_change</c>.
/// </summary>
internal static class PlannerConflicts
{
    // Columns that change with every write and tell a planner nothing.
    private static readonly HashSet<string> Noise = new(StringComparer.Ordinal) { "version", "computed_at", "imported_at", "id" };

    /// <summary>
    /// Refuses (<see cref="PlannerRefusal.Conflict"/>) when <paramref name="basedOn"/> is given and differs from
    /// <paramref name="current"/>; returns when they agree, when no version was named, or when the row is gone and no
    /// change of the history removed it (the caller then reports it not stored).
    /// </summary>
    /// <param name="what">The row as a planner names it, e.g. "project area 12".</param>
    public static async Task CheckAsync(PlannerTransaction tx, string key, string what, long? current, long? basedOn,
        CancellationToken ct)
    {
        if (basedOn is not { } seen || current == seen)
            return;
        var changes = await SinceAsync(tx, key, seen, ct);
        if (current is null && changes.Count == 0)
            return;
        var conflict = new PlannerConflict(key, seen, current, changes);
        throw new PlannerException(PlannerRefusal.Conflict, Message(what, conflict)) { Conflict = conflict };
    }

    /// <summary>Changes of the history that wrote <paramref name="key"/> after version <paramref name="seen"/>, oldest first.</summary>
    public static async Task<IReadOnlyList<PlannerConflictChange>> SinceAsync(PlannerTransaction tx, string key, long seen,
        CancellationToken ct) => await ReadAsync(tx, [key], """
            SELECT id, changed_at, changed_by, action, source, summary, summary_th, before::text, after::text FROM planner_change
            WHERE $1 = ANY (writes) AND start_version > $2 ORDER BY id
            """, ct, key, seen);

    /// <summary>The changes <paramref name="ids"/>, oldest first, with what each did to <paramref name="keys"/>.</summary>
    public static async Task<IReadOnlyList<PlannerConflictChange>> OfAsync(PlannerTransaction tx, IReadOnlyList<string> keys,
        IReadOnlyList<long> ids, CancellationToken ct) => await ReadAsync(tx, keys, """
            SELECT id, changed_at, changed_by, action, source, summary, summary_th, before::text, after::text FROM planner_change
            WHERE id = ANY ($1) ORDER BY id
            """, ct, ids.ToArray());

    private static async Task<List<PlannerConflictChange>> ReadAsync(PlannerTransaction tx, IReadOnlyList<string> keys, string sql,
        CancellationToken ct, params object?[] parameters)
    {
        var changes = new List<PlannerConflictChange>();
        await using var command = tx.Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var (before, after) = (JsonNode.Parse(reader.GetString(7))!.AsObject(), JsonNode.Parse(reader.GetString(8))!.AsObject());
            var fields = keys.Where(k => before.ContainsKey(k) || after.ContainsKey(k))
                .SelectMany(k => Fields(before[k], after[k]).Select(f => keys.Count > 1 ? f with { Field = k + " " + f.Field } : f))
                .ToList();
            changes.Add(new PlannerConflictChange(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), fields));
        }
        return changes;
    }

    /// <summary>
    /// The fields that differ between two states of one key: columns of a row (a polygon only as changed, its hex
    /// EWKB means nothing to a reader), or for an allocation table its target, weights and each district's rai and lock.
    /// </summary>
    public static IReadOnlyList<PlannerFieldChange> Fields(JsonNode? before, JsonNode? after)
    {
        if (before is JsonArray || after is JsonArray)
            return TableFields(before as JsonArray, after as JsonArray);
        if (before is null || after is null)
            return before is null && after is null ? [] : [new PlannerFieldChange("row", before is null ? null : "stored",
                after is null ? null : "stored")];
        var (b, a) = (before.AsObject(), after.AsObject());
        return [.. b.Select(p => p.Key).Union(a.Select(p => p.Key)).Where(k => !Noise.Contains(k) && !JsonNode.DeepEquals(b[k], a[k]))
            .Select(k => k == "geom" ? new PlannerFieldChange(k, null, null) : new PlannerFieldChange(k, Text(b[k]), Text(a[k])))];
    }

    private static List<PlannerFieldChange> TableFields(JsonArray? before, JsonArray? after)
    {
        static Dictionary<string, JsonObject> ByDistrict(JsonArray? rows) =>
            (rows ?? []).OfType<JsonObject>().ToDictionary(r => r["district_code"]!.GetValue<string>(), StringComparer.Ordinal);
        static string Share(JsonObject? row) => row is null ? "" : row["allocation_rai"]!.ToJsonString()
            + (row["locked"]!.GetValue<bool>() ? " locked" : "");
        var (b, a) = (ByDistrict(before), ByDistrict(after));
        var fields = new List<PlannerFieldChange>();
        var (firstB, firstA) = (b.Values.FirstOrDefault(), a.Values.FirstOrDefault());
        foreach (var column in new[] { "target_rai", "weight_kind" })
        {
            if (!JsonNode.DeepEquals(firstB?[column], firstA?[column]))
                fields.Add(new PlannerFieldChange(column, Text(firstB?[column]), Text(firstA?[column])));
        }
        foreach (var code in b.Keys.Union(a.Keys).Order(StringComparer.Ordinal))
        {
            var (was, now) = (b.GetValueOrDefault(code), a.GetValueOrDefault(code));
            if (Share(was) != Share(now))
                fields.Add(new PlannerFieldChange(code, was is null ? null : Share(was), now is null ? null : Share(now)));
        }
        return fields;
    }

    private static string? Text(JsonNode? value) => value switch
    {
        null => null,
        JsonArray array => string.Join(", ", array.Select(Text)),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => value.ToJsonString(),
    };

    /// <summary>The refusal in one paragraph: what moved on, each change since with its fields, and what to do.</summary>
    public static string Message(string what, PlannerConflict conflict)
    {
        var since = conflict.Changes.Count == 0
            ? "it was changed outside the planner's history (QGIS or SQL)"
            : string.Join("; ", conflict.Changes.Select(Describe));
        var versions = conflict.BasedOnVersion is { } seen
            ? Invariant($" (you edited version {seen}, ") + (conflict.CurrentVersion is { } now ? Invariant($"now {now})") : "now deleted)")
            : "";
        return $"{what} was changed since you loaded it{versions}: {since}. Nothing was saved: reload to see the stored state "
            + "(your edit stays on the page) and save again if it still applies";
    }

    /// <summary>"change #12 by somsri at 2026-12-05 19:30 (update): name 'a' -> 'b', polygon changed"; Bangkok time.</summary>
    public static string Describe(PlannerConflictChange c)
    {
        var fields = c.Fields.Select(f => f.Field.EndsWith("geom", StringComparison.Ordinal) ? f.Field[..^4] + "polygon changed"
            : f.Field.EndsWith("row", StringComparison.Ordinal) ? f.Field[..^3] + (f.After is null ? "deleted" : "created")
            : $"{f.Field} {f.Before ?? "-"} -> {f.After ?? "-"}");
        var local = c.ChangedAt.ToOffset(Bangkok.UtcOffset);
        return Invariant($"change #{c.Id} by {c.ChangedBy} at {local:yyyy-MM-dd HH:mm} ({c.Action}")
            + (c.Source == PlannerTransaction.CliSource ? ", gis command" : "") + ")"
            + (c.Fields.Count > 0 ? ": " + string.Join(", ", fields) : "");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
