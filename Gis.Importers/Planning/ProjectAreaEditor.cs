using System.Globalization;
using Gis.Core.Plans;
using Gis.Core.Time;
using Gis.Importers.Store;
using NetTopologySuite.Geometries;

namespace Gis.Importers.Planning;

/// <summary>
/// The planner's edits of project areas: create, update and delete a green or hotspot project polygon, each
/// validated before anything is written, saved in one transaction together with its audit-history entry
/// (<see cref="PlannerHistory"/>), so it can be undone.
/// </summary>
/// <param name="provinceCode">Two-digit DOPA code of the province areas must lie in (50 = Chiang Mai).</param>
/// <param name="clock">Gives the current year for the year check; the system clock when null.</param>
public sealed class ProjectAreaEditor(GisStore store, string provinceCode, TimeProvider? clock = null)
{
    /// <summary>The share of a polygon allowed outside the province's districts: their boundaries are simplified.</summary>
    public const double OutsideTolerance = 0.01;

    /// <summary>The <c>source</c> of areas and projects the planner makes; imports keep such areas (ADR 0018).</summary>
    internal const string Source = "planner";

    /// <summary>
    /// Stored areas of green and hotspot projects overlapping the province, optionally of one BE year (an area without
    /// a year takes its project's fiscal year), by id. Cost: one pass over the project areas.
    /// </summary>
    public Task<IReadOnlyList<PlannedArea>> ListAsync(int? year, CancellationToken cancellationToken = default) =>
        QueryAsync(null, year, cancellationToken);

    /// <summary>One stored area of a green or hotspot project in the province, or null.</summary>
    public async Task<PlannedArea?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        (await QueryAsync(id, null, cancellationToken)).SingleOrDefault();

    /// <summary>Validates and stores a new area (and its new project, when one is given) with its history entry.</summary>
    /// <param name="user">Who makes the change, as the client names them.</param>
    /// <exception cref="PlannerException">The input is refused; nothing is written.</exception>
    public async Task<PlannerEdit> CreateAsync(PlanAreaInput input, string user, CancellationToken cancellationToken = default)
    {
        var area = CheckInput(input, user);
        await using var tx = await PlannerTransaction.BeginAsync(store, cancellationToken);
        var (projectCode, createdProject) = await ResolveProjectAsync(tx, input, cancellationToken);
        var rai = await CheckPlaceAsync(tx, area, cancellationToken);

        var id = await tx.ScalarAsync<long>("""
            INSERT INTO project_area (project_code, year, name, geom, source) VALUES ($1, $2, $3, $4, $5) RETURNING id
            """, cancellationToken, projectCode, (short)input.Year, Blank(input.Name), area, Source);
        var areaKey = PlannerTransaction.AreaKey(id);
        var writes = createdProject ? new[] { areaKey, PlannerTransaction.ProjectKey(projectCode) } : [areaKey];
        var summary = new PlannerSummary(
            Invariant($"create area {id} of project {projectCode}{(createdProject ? " (new)" : "")}: {rai:0.##} rai, year {input.Year}"),
            Invariant($"สร้างแปลง {id} ของโครงการ {projectCode}{(createdProject ? " (ใหม่)" : "")}: {rai:0.##} ไร่ ปี {input.Year}"));
        var change = await tx.RecordAsync(new PlannerChangeDraft(user.Trim(), "project_area", Id(id), "create", summary,
            writes, createdProject ? [] : [PlannerTransaction.ProjectKey(projectCode)],
            Absent(writes), await tx.SnapshotAsync(writes, cancellationToken)), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new PlannerEdit(change, await GetAsync(id, cancellationToken));
    }

    /// <summary>Validates and replaces an area's polygon, year, name and project, with its history entry.</summary>
    /// <param name="basedOnVersion">The area's <see cref="PlannedArea.Version"/> the edit was made on; a stored area of
    /// another version refuses the save as stale (ADR 0035). Null skips the check (a caller that read nothing).</param>
    /// <exception cref="PlannerException">The area is not stored, it changed since <paramref name="basedOnVersion"/>
    /// (<see cref="PlannerException.Conflict"/> says how), or the input is refused; nothing is written.</exception>
    public async Task<PlannerEdit> UpdateAsync(long id, PlanAreaInput input, string user, long? basedOnVersion = null,
        CancellationToken cancellationToken = default)
    {
        var area = CheckInput(input, user);
        await using var tx = await PlannerTransaction.BeginAsync(store, cancellationToken);
        var oldProject = await ProjectOfAsync(tx, id, basedOnVersion, cancellationToken);
        var (projectCode, createdProject) = await ResolveProjectAsync(tx, input, cancellationToken);
        var rai = await CheckPlaceAsync(tx, area, cancellationToken);

        var areaKey = PlannerTransaction.AreaKey(id);
        var before = await tx.SnapshotAsync([areaKey], cancellationToken);
        await tx.ExecuteAsync("UPDATE project_area SET project_code = $2, year = $3, name = $4, geom = $5, source = $6 WHERE id = $1",
            cancellationToken, id, projectCode, (short)input.Year, Blank(input.Name), area, Source);
        string[] writes = createdProject ? [areaKey, PlannerTransaction.ProjectKey(projectCode)] : [areaKey];
        if (createdProject)
            before[PlannerTransaction.ProjectKey(projectCode)] = null;
        var reads = new[] { oldProject, projectCode }.Distinct(StringComparer.Ordinal).Where(c => !createdProject || c != projectCode)
            .Select(PlannerTransaction.ProjectKey).ToArray();
        var change = await tx.RecordAsync(new PlannerChangeDraft(user.Trim(), "project_area", Id(id), "update",
            new PlannerSummary(Invariant($"update area {id} of project {projectCode}: {rai:0.##} rai, year {input.Year}"),
                Invariant($"แก้ไขแปลง {id} ของโครงการ {projectCode}: {rai:0.##} ไร่ ปี {input.Year}")),
            writes, reads, before, await tx.SnapshotAsync(writes, cancellationToken)), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new PlannerEdit(change, await GetAsync(id, cancellationToken));
    }

    /// <summary>Deletes an area, with its history entry (undo puts it back with the same id).</summary>
    /// <param name="basedOnVersion">As for <see cref="UpdateAsync"/>: a delete of a version that is no longer stored is refused.</param>
    /// <exception cref="PlannerException">The area is not stored, it changed since <paramref name="basedOnVersion"/>, or the
    /// user is missing; nothing is written.</exception>
    public async Task<PlannerEdit> DeleteAsync(long id, string user, long? basedOnVersion = null,
        CancellationToken cancellationToken = default)
    {
        PlannerException.ThrowIfAny(PlanAreaRules.CheckText("user", user));
        await using var tx = await PlannerTransaction.BeginAsync(store, cancellationToken);
        var project = await ProjectOfAsync(tx, id, basedOnVersion, cancellationToken);
        string[] writes = [PlannerTransaction.AreaKey(id)];
        var before = await tx.SnapshotAsync(writes, cancellationToken);
        await tx.ExecuteAsync("DELETE FROM project_area WHERE id = $1", cancellationToken, id);
        var areaRai = before[writes[0]]?["area_rai"]?.GetValue<double>();
        var change = await tx.RecordAsync(new PlannerChangeDraft(user.Trim(), "project_area", Id(id), "delete",
            new PlannerSummary(Invariant($"delete area {id} of project {project}: {areaRai:0.##} rai"),
                Invariant($"ลบแปลง {id} ของโครงการ {project}: {areaRai:0.##} ไร่")),
            writes, [PlannerTransaction.ProjectKey(project)], before, Absent(writes)), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new PlannerEdit(change, null);
    }

    // Everything that can be checked without the store, all at once, so the planner sees every problem together.
    private MultiPolygon CheckInput(PlanAreaInput input, string user)
    {
        var currentYear = ThaiCalendar.BuddhistYear(DateOnly.FromDateTime((clock ?? TimeProvider.System).GetUtcNow().UtcDateTime));
        var problems = new List<string>();
        problems.AddRange(PlanAreaRules.CheckText("user", user));
        problems.AddRange(PlanAreaRules.CheckGeometry(input.Geometry));
        problems.AddRange(PlanAreaRules.CheckYear(input.Year, currentYear));
        if (input.Name is { Length: > PlanAreaRules.MaxTextLength })
            problems.AddRange(PlanAreaRules.CheckText("area name", input.Name));
        if (input.Kind is TargetKind.Other)
            problems.Add("the target kind must be green or hotspot");
        switch (input.ProjectCode, input.NewProject)
        {
            case (null, null):
                problems.Add("a plan project is required: name an existing project or give a new one (name, agency)");
                break;
            case (not null, not null):
                problems.Add("name an existing project or give a new one, not both");
                break;
            case (null, { } p):
                problems.AddRange(PlanAreaRules.CheckText("project name", p.Name));
                problems.AddRange(PlanAreaRules.CheckText("agency", p.Agency));
                if (p.Code is not null)
                    problems.AddRange(PlanAreaRules.CheckText("project code", p.Code));
                if (input.Kind is null)
                    problems.Add("the target kind (green or hotspot) of the new project is required");
                break;
        }
        PlannerException.ThrowIfAny(problems);
        return PlanAreaRules.ToMultiPolygon(input.Geometry!);
    }

    private static async Task<(string Code, bool Created)> ResolveProjectAsync(PlannerTransaction tx, PlanAreaInput input,
        CancellationToken ct)
    {
        if (input.ProjectCode is { } code)
        {
            var kindText = await tx.ScalarAsync<string?>("SELECT target_kind FROM plan_project WHERE code = $1", ct, code.Trim())
                ?? throw new PlannerException(PlannerRefusal.Invalid,
                    $"plan project '{code}' is not stored: pick a stored project or create a new one");
            var kind = TargetKinds.Parse(kindText);
            if (kind == TargetKind.Other)
                throw new PlannerException(PlannerRefusal.Invalid,
                    $"plan project '{code}' has target kind other: project areas belong to green or hotspot projects");
            if (input.Kind is { } asked && asked != kind)
                throw new PlannerException(PlannerRefusal.Invalid,
                    $"plan project '{code}' is a {kindText} project, not {TargetKinds.ToText(asked)}");
            return (code.Trim(), false);
        }

        var p = input.NewProject!;
        var newCode = p.Code?.Trim() ?? await tx.ScalarAsync<string>("""
            SELECT 'PL' || $1 || '-' || lpad((coalesce(max(substring(code FROM '^PL[0-9]{4}-([0-9]+)$')::int), 0) + 1)::text, 3, '0')
            FROM plan_project WHERE code LIKE 'PL' || $1 || '-%'
            """, ct, input.Year.ToString(CultureInfo.InvariantCulture));
        if (await tx.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM plan_project WHERE code = $1)", ct, newCode))
            throw new PlannerException(PlannerRefusal.Invalid,
                $"plan project code '{newCode}' is taken: choose the existing project or another code");
        await tx.ExecuteAsync("""
            INSERT INTO plan_project (code, name_th, name_en, agency, fiscal_year, target_kind, source) VALUES ($1, $2, $3, $4, $5, $6, $7)
            """, ct, newCode, p.Name!.Trim(), (p.NameEn ?? p.Name).Trim(), p.Agency!.Trim(), (short)input.Year,
                TargetKinds.ToText(input.Kind!.Value), Source);
        return (newCode, true);
    }

    /// <summary>Checks the polygon lies in the province (within <see cref="OutsideTolerance"/>) and its size; returns its rai.</summary>
    private async Task<double> CheckPlaceAsync(PlannerTransaction tx, MultiPolygon area, CancellationToken ct)
    {
        await using var command = tx.Command("""
            WITH d AS (SELECT geom FROM admin_area WHERE level = 4 AND province_code = $2 AND ST_Intersects(geom, $1))
            SELECT ST_Area($1::geography) / 1600,
                   (SELECT count(*) FROM admin_area WHERE level = 4 AND province_code = $2),
                   ST_Area(o.geom::geography) / 1600, ST_X(ST_PointOnSurface(o.geom)), ST_Y(ST_PointOnSurface(o.geom))
            FROM (SELECT coalesce(ST_Difference($1, (SELECT ST_Union(geom) FROM d)), $1) AS geom) o
            """, area, provinceCode);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var (rai, districts, outsideRai) = (reader.GetDouble(0), reader.GetInt64(1), reader.GetDouble(2));
        var (outsideLon, outsideLat) = reader.IsDBNull(3) ? (0d, 0d) : (reader.GetDouble(3), reader.GetDouble(4));
        if (districts == 0)
            throw new PlannerException(PlannerRefusal.Invalid,
                $"no districts of province {provinceCode} are imported, so no area can be placed: run 'gis import boundaries FILE' first");
        var problems = new List<string>(PlanAreaRules.CheckArea(rai));
        if (outsideRai > OutsideTolerance * rai)
        {
            problems.Add(Invariant($"the polygon lies {outsideRai:0.##} rai ({100 * outsideRai / rai:0.#} %) outside province ")
                + Invariant($"{provinceCode} (e.g. at {outsideLon:0.####} {outsideLat:0.####}): draw it inside the province"));
        }
        PlannerException.ThrowIfAny(problems);
        return rai;
    }

    // The area's project, its row locked; refused as stale when it is no longer the version the edit was based on.
    private static async Task<string> ProjectOfAsync(PlannerTransaction tx, long id, long? basedOn, CancellationToken ct)
    {
        string? project = null;
        long? version = null;
        await using (var command = tx.Command("SELECT project_code, version FROM project_area WHERE id = $1 FOR UPDATE", id))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
                (project, version) = (reader.GetString(0), reader.GetInt64(1));
        }
        await PlannerConflicts.CheckAsync(tx, PlannerTransaction.AreaKey(id), Invariant($"project area {id}"), version, basedOn, ct);
        return project ?? throw new PlannerException(PlannerRefusal.NotFound, Invariant($"project area {id} is not stored"));
    }

    private async Task<IReadOnlyList<PlannedArea>> QueryAsync(long? id, int? year, CancellationToken ct)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        await using var command = Sql.Command(connection, null, """
            SELECT a.id, a.project_code, p.name_th, p.agency, p.target_kind, a.year, a.name, a.area_rai, a.geom, a.source, a.version,
                   ARRAY(SELECT d.code FROM admin_area d WHERE d.level = 4 AND d.province_code = $1 AND ST_Intersects(d.geom, a.geom)
                         AND NOT ST_Touches(d.geom, a.geom) ORDER BY d.code)
            FROM project_area a JOIN plan_project p ON p.code = a.project_code
            WHERE p.target_kind IN ('green', 'hotspot')
              AND ($2::bigint IS NULL OR a.id = $2) AND ($3::int IS NULL OR coalesce(a.year, p.fiscal_year) = $3)
              AND EXISTS (SELECT 1 FROM admin_area d WHERE d.level = 4 AND d.province_code = $1 AND ST_Intersects(d.geom, a.geom))
            ORDER BY a.id
            """, provinceCode, id, year);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var areas = new List<PlannedArea>();
        while (await reader.ReadAsync(ct))
        {
            areas.Add(new PlannedArea(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                TargetKinds.Parse(reader.GetString(4)), reader.IsDBNull(5) ? null : reader.GetInt16(5), reader.IsDBNull(6) ? null
                    : reader.GetString(6),
                reader.GetDouble(7), reader.GetFieldValue<MultiPolygon>(8), reader.GetString(9), reader.GetFieldValue<string[]>(11),
                reader.GetInt64(10)));
        }
        return areas;
    }

    private static System.Text.Json.Nodes.JsonObject Absent(IEnumerable<string> keys)
    {
        var state = new System.Text.Json.Nodes.JsonObject();
        foreach (var key in keys)
            state[key] = null;
        return state;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
