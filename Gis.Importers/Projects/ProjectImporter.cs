using System.Globalization;
using Gis.Core.Plans;
using Gis.Importers.Planning;
using Gis.Importers.Store;

namespace Gis.Importers.Projects;

/// <summary>Writes plan projects, the districts they name and their areas.</summary>
public sealed class ProjectImporter(GisStore store)
{
    /// <summary>The source of areas a planner drew (<see cref="ProjectAreaEditor"/>): an import never removes them.</summary>
    private const string PlannerSource = ProjectAreaEditor.Source;

    /// <summary>
    /// Stores what a file gave, in one transaction with its entry in the planner's history (action <c>import</c>, source
    /// <c>cli</c>, the state before and after, so it can be undone): each project replaces the stored project of its
    /// code (its named districts too; its areas stay unless the file brings areas for it), and the areas replace the
    /// imported areas of their project codes. Areas a planner drew (source <c>planner</c>) are never removed (ADR 0018).
    /// Areas must belong to a project of the file or one already stored.
    /// </summary>
    /// <param name="read">A read result that is not <see cref="ProjectReadResult.Refused"/>.</param>
    /// <param name="source">Where it came from (file path), recorded with each row.</param>
    /// <param name="user">Who imports, for the history; the OS user when null.</param>
    /// <exception cref="StoreException">
    /// The result is refused, or areas refer to project codes that are not stored; nothing is changed then.
    /// </exception>
    public async Task<ProjectImportResult> ReplaceAsync(ProjectReadResult read, string source, string? user = null,
        CancellationToken cancellationToken = default)
    {
        if (read.Refused)
            throw new StoreException($"{source}: the file has {read.Problems.Count(p => p.Refuses)} problem(s) that refuse it"
                + "; nothing stored");

        // The planner's lock: an import and a planner edit or undo never interleave, so the history stays true.
        await using var tx = await PlannerTransaction.BeginAsync(store, cancellationToken);
        var (connection, transaction) = (tx.Connection, tx.Tx);
        // Cast to object where it is the only parameter: a lone string[] would otherwise become the params array itself.
        var areaCodes = read.Areas.Select(a => a.ProjectCode).Distinct(StringComparer.Ordinal).ToArray();
        var replacedIds = await tx.ScalarAsync<long[]>("""
            SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM project_area WHERE project_code = ANY($1) AND source <> $2
            """, cancellationToken, areaCodes, PlannerSource);
        var plannerKept = await tx.ScalarAsync<long>("SELECT count(*) FROM project_area WHERE project_code = ANY($1) AND source = $2",
            cancellationToken, areaCodes, PlannerSource);
        var projectKeys = read.Projects.Select(p => PlannerTransaction.ProjectKey(p.Code)).ToList();
        var before = await tx.SnapshotAsync([.. projectKeys, .. replacedIds.Select(PlannerTransaction.AreaKey)], cancellationToken);

        int inserted = 0, replaced = 0, unchanged = 0;
        foreach (var p in read.Projects)
        {
            // xmax = 0 only for a freshly inserted row: tells insert from update in one statement. A stored project the file
            // repeats as it is is not written at all (no row returned): its version stays, so a page open on it is not told
            // of a change that changed nothing (ADR 0042). Where it came from and when are no change of its content.
            var wasInsert = await Sql.ScalarAsync<bool?>(connection, transaction, """
                INSERT INTO plan_project (code, name_th, name_en, agency, fiscal_year, budget_thb, issue_group, target_kind,
                                          target_value, target_unit, source)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                ON CONFLICT (code) DO UPDATE SET name_th = excluded.name_th, name_en = excluded.name_en, agency = excluded.agency,
                    fiscal_year = excluded.fiscal_year, budget_thb = excluded.budget_thb, issue_group = excluded.issue_group,
                    target_kind = excluded.target_kind, target_value = excluded.target_value, target_unit = excluded.target_unit,
                    source = excluded.source, imported_at = now()
                WHERE (plan_project.name_th, plan_project.name_en, plan_project.agency, plan_project.fiscal_year, plan_project.budget_thb,
                       plan_project.issue_group, plan_project.target_kind, plan_project.target_value, plan_project.target_unit)
                    IS DISTINCT FROM (excluded.name_th, excluded.name_en, excluded.agency, excluded.fiscal_year, excluded.budget_thb,
                       excluded.issue_group, excluded.target_kind, excluded.target_value, excluded.target_unit)
                RETURNING xmax = 0
                """, cancellationToken, p.Code, p.NameTh, p.NameEn, p.Agency, (short)p.FiscalYear, p.BudgetThb, (short?)p.IssueGroup,
                TargetKinds.ToText(p.TargetKind), p.TargetValue, p.TargetUnit, source);
            if (wasInsert is true)
                inserted++;
            else if (wasInsert is false)
                replaced++;
            else
                unchanged++;
            await Sql.ExecuteAsync(connection, transaction, "DELETE FROM plan_project_district WHERE project_code = $1", cancellationToken,
                p.Code);
            await Sql.ExecuteAsync(connection, transaction, """
                INSERT INTO plan_project_district (project_code, district_code) SELECT $1, unnest($2::text[])
                """, cancellationToken, p.Code, p.DistrictCodes.ToArray());
        }

        var unknown = await Sql.ScalarAsync<string[]>(connection, transaction, """
            SELECT coalesce(array_agg(c ORDER BY c), '{}') FROM unnest($1::text[]) c
            WHERE NOT EXISTS (SELECT 1 FROM plan_project WHERE code = c)
            """, cancellationToken, (object)areaCodes);
        if (unknown.Length > 0)
        {
            throw new StoreException($"{source}: areas refer to project code(s) that are neither in the file nor stored: "
                + $"{string.Join(", ", unknown)}; "
                + "import the projects first (gis import projects projects.csv); nothing stored");
        }

        // An imported area the file brings again as it is (same project, year, name, date and vertices) is kept, version
        // and all; the others are replaced.
        var kept = new HashSet<long>();
        var added = new List<ProjectArea>();
        foreach (var a in read.Areas)
        {
            var same = await tx.ScalarAsync<long?>("""
                SELECT min(id) FROM project_area
                WHERE id = ANY($1) AND NOT id = ANY($2) AND project_code = $3 AND year IS NOT DISTINCT FROM $4
                    AND name IS NOT DISTINCT FROM $5 AND recorded_on IS NOT DISTINCT FROM $6 AND ST_OrderingEquals(geom, $7)
                """, cancellationToken, replacedIds, kept.ToArray(), a.ProjectCode, (short?)a.Year, a.Name, a.RecordedOn, a.Area);
            if (same is { } id)
                kept.Add(id);
            else
                added.Add(a);
        }
        await tx.ExecuteAsync("DELETE FROM project_area WHERE id = ANY($1) AND NOT id = ANY($2)", cancellationToken, replacedIds,
            kept.ToArray());
        var areaKeys = new List<string>();
        foreach (var a in added)
        {
            var id = await tx.ScalarAsync<long>("""
                INSERT INTO project_area (project_code, year, name, recorded_on, geom, source) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
                """, cancellationToken, a.ProjectCode, (short?)a.Year, a.Name, a.RecordedOn, a.Area, source);
            areaKeys.Add(PlannerTransaction.AreaKey(id));
            before[areaKeys[^1]] = null;
        }

        var overwritten = await PlannerWorkAsync(tx, projectKeys, before, cancellationToken);
        long? change = null;
        // Only what the file changed is a write of the history: repeating the stored state blocks no undo.
        var written = await tx.SnapshotAsync(before.Select(kv => kv.Key), cancellationToken);
        var writes = before.Where(kv => !System.Text.Json.Nodes.JsonNode.DeepEquals(kv.Value, written[kv.Key])).Select(kv => kv.Key)
            .ToList();
        if (writes.Count > 0)
        {
            var fileCodes = read.Projects.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
            var reads = areaCodes.Where(c => !fileCodes.Contains(c)).Select(PlannerTransaction.ProjectKey).ToList();
            var name = Path.GetFileName(source);
            change = await tx.RecordAsync(new PlannerChangeDraft(string.IsNullOrWhiteSpace(user) ? OsUser : user.Trim(), "project_file",
                source, "import", new PlannerSummary(
                    Invariant($"gis import projects {name}: {read.Projects.Count} project(s) ({inserted} new, {replaced} replaced), ")
                        + Invariant($"{read.Areas.Count} area(s), {replacedIds.Length - kept.Count} imported area(s) replaced, ")
                        + Invariant($"{plannerKept} planner area(s) kept"),
                    Invariant($"นำเข้าโครงการจาก {name}: {read.Projects.Count} โครงการ ({inserted} ใหม่, {replaced} แทนที่), ")
                        + Invariant($"{read.Areas.Count} แปลง, แทนที่แปลงที่นำเข้า {replacedIds.Length - kept.Count} แปลง, ")
                        + Invariant($"คงแปลงของผู้วางแผน {plannerKept} แปลง")),
                writes, reads, before, await tx.SnapshotAsync(writes, cancellationToken), Source: PlannerTransaction.CliSource),
                cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
        return new ProjectImportResult(inserted, replaced, read.Areas.Count, replacedIds.Length - kept.Count, (int)plannerKept, change)
        {
            PlannerWorkOverwritten = overwritten,
            Unchanged = unchanged,
            AreasUnchanged = kept.Count,
        };
    }

    /// <summary>
    /// What the import changes of projects whose latest change in force was a planner's (page) edit, one phrase per
    /// project: "project G1 (change #5 by somchai): fiscal_year 2569 -> 2568" (ADR 0035).
    /// </summary>
    private static async Task<List<string>> PlannerWorkAsync(PlannerTransaction tx, IReadOnlyList<string> keys,
        System.Text.Json.Nodes.JsonObject before, CancellationToken ct)
    {
        var after = await tx.SnapshotAsync(keys, ct);
        var phrases = new List<string>();
        await using var command = tx.Command("""
            SELECT DISTINCT ON (k) k, c.id, c.changed_by, c.source FROM unnest($1::text[]) k
            JOIN planner_change c ON k = ANY (c.writes) AND c.undone_by IS NULL
            ORDER BY k, c.id DESC
            """, (object)keys.ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var key = reader.GetString(0);
            if (reader.GetString(3) != PlannerTransaction.PageSource
                || PlannerConflicts.Fields(before[key], after[key]) is not { Count: > 0 } fields)
                continue;
            phrases.Add(Invariant($"{key.Replace(":", " ", StringComparison.Ordinal)} (change #{reader.GetInt64(1)} by ")
                + $"{reader.GetString(2)}): " + string.Join(", ", fields.Select(f => $"{f.Field} {f.Before ?? "-"} -> {f.After ?? "-"}")));
        }
        return phrases;
    }

    // The OS user: a label for the history, like the workstation's default (ADR 0010), not an authentication.
    private static string OsUser => string.IsNullOrWhiteSpace(Environment.UserName) ? "gis" : Environment.UserName;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Counts of a project import.</summary>
/// <param name="AreasReplaced">Stored imported areas removed because the file brought areas for their projects.</param>
/// <param name="PlannerAreasKept">Areas a planner drew for those projects, kept as they are.</param>
/// <param name="ChangeId">The import's entry in the planner's history; null when the file wrote nothing.</param>
public sealed record ProjectImportResult(int Inserted, int Replaced, int AreasStored, int AreasReplaced, int PlannerAreasKept = 0,
    long? ChangeId = null)
{
    /// <summary>What the import changed of a planner's edits, one phrase per project; undoing <see cref="ChangeId"/> restores
    /// them.</summary>
    public IReadOnlyList<string> PlannerWorkOverwritten { get; init; } = [];

    /// <summary>Stored projects the file repeated as they are: not written, their versions kept.</summary>
    public int Unchanged { get; init; }

    /// <summary>Stored imported areas the file repeated as they are: kept, their versions too.</summary>
    public int AreasUnchanged { get; init; }
}
