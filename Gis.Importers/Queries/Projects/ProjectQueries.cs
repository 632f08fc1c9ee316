using Gis.Core.Admin;
using Gis.Core.Plans;
using Gis.Importers.Store;
using Npgsql;

namespace Gis.Importers.Queries.Projects;

/// <summary>Read-only questions about stored plan projects: what is stored, and who answers for a district.</summary>
public sealed class ProjectQueries(GisStore store)
{
    // The responsibility rule in one statement, shared by the single-district and the province form.
    // Areas: the union of a project's areas, intersected with each district, on the ellipsoid; a mere touch of
    // borders (zero area) is no responsibility. Names: the project lists the district. Either or both.
    private const string ResponsibilitySql = """
        WITH d AS (
            SELECT code, geom, ST_Area(geom::geography) AS area_m2 FROM admin_area
            WHERE level = 4 AND ($1::text IS NULL OR code = $1) AND ($2::text IS NULL OR province_code = $2)),
        p AS (
            SELECT code, name_th, name_en, fiscal_year FROM plan_project
            WHERE target_kind = $3 AND ($4::int IS NULL OR fiscal_year = $4)),
        u AS (
            SELECT a.project_code, ST_Union(a.geom) AS geom FROM project_area a JOIN p ON p.code = a.project_code
            GROUP BY a.project_code),
        spatial AS (
            SELECT d.code AS district_code, u.project_code,
                   ST_Area(ST_Intersection(u.geom, d.geom)::geography) AS inside_m2, d.area_m2
            FROM d JOIN u ON ST_Intersects(u.geom, d.geom)),
        named AS (
            SELECT pd.district_code, pd.project_code FROM plan_project_district pd JOIN p ON p.code = pd.project_code
            WHERE ($1::text IS NULL OR pd.district_code = $1) AND ($2::text IS NULL OR left(pd.district_code, 2) = $2))
        SELECT coalesce(s.district_code, n.district_code), p.code, p.name_th, p.name_en, p.fiscal_year,
               s.inside_m2 / nullif(s.area_m2, 0), s.inside_m2 / 1600, n.project_code IS NOT NULL
        FROM (SELECT * FROM spatial WHERE inside_m2 > 0) s
        FULL JOIN named n ON n.district_code = s.district_code AND n.project_code = s.project_code
        JOIN p ON p.code = coalesce(s.project_code, n.project_code)
        ORDER BY 1, 6 DESC NULLS LAST, 2
        """;

    /// <summary>
    /// The projects of a target kind responsible for one district: those whose areas intersect it (with the share of
    /// the district the union of their areas covers, on the ellipsoid) and those that name it (share null unless
    /// their areas intersect it too). Ordered by share, largest first, then code. Empty when none.
    /// </summary>
    /// <param name="districtCode">DOPA district code (4 digits). Shares need the district's boundary imported; without it only naming
    /// projects are found.</param>
    /// <param name="fiscalYear">Buddhist Era fiscal year of the projects, or null for every year.</param>
    public Task<IReadOnlyList<ProjectResponsibility>> ResponsibleProjectsAsync(string districtCode, TargetKind kind, int? fiscalYear,
        CancellationToken cancellationToken = default) =>
        QueryAsync(districtCode, null, kind, fiscalYear, cancellationToken);

    /// <summary>
    /// <see cref="ResponsibleProjectsAsync"/> for every district of a province in one query, ordered by district code.
    /// Districts no project answers for are absent. Cost: one union per project and one intersection per
    /// (project, intersecting district) pair.
    /// </summary>
    /// <param name="provinceCode">Two-digit DOPA province code; null for every district.</param>
    public Task<IReadOnlyList<ProjectResponsibility>> ResponsibleProjectsByDistrictAsync(string? provinceCode, TargetKind kind,
        int? fiscalYear, CancellationToken cancellationToken = default) =>
        QueryAsync(null, provinceCode, kind, fiscalYear, cancellationToken);

    /// <summary>
    /// The projects of a target kind answering for a province as a whole (<see cref="ProjectResponsibility.ProvinceWide"/>): those
    /// that name no district and have no area, and whose agency names the province or a province cluster holding it
    /// (<see cref="Provinces.NamedBy"/>), by code. A project with districts or areas answers for those instead.
    /// </summary>
    /// <param name="provinceCode">Two-digit DOPA province code; null for every province (one row per province named).</param>
    /// <param name="fiscalYear">Buddhist Era fiscal year of the projects, or null for every year.</param>
    public async Task<IReadOnlyList<ProjectResponsibility>> ProvinceWideProjectsAsync(string? provinceCode, TargetKind kind,
        int? fiscalYear, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, """
            SELECT p.code, p.name_th, p.name_en, p.fiscal_year, p.agency FROM plan_project p
            WHERE p.target_kind = $1 AND ($2::int IS NULL OR p.fiscal_year = $2)
              AND NOT EXISTS (SELECT FROM plan_project_district WHERE project_code = p.code)
              AND NOT EXISTS (SELECT FROM project_area WHERE project_code = p.code)
            ORDER BY p.code
            """, TargetKinds.ToText(kind), fiscalYear);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<ProjectResponsibility>();
        while (await reader.ReadAsync(cancellationToken))
        {
            foreach (var named in Provinces.NamedBy(reader.GetString(4)).Where(p => provinceCode is null || p == provinceCode))
            {
                rows.Add(new ProjectResponsibility(named, reader.GetString(0), reader.GetString(1), reader.GetString(2),
                    reader.GetInt16(3), null, null, false, ProvinceWide: true));
            }
        }
        return rows;
    }

    /// <summary>Every stored project (optionally of one fiscal year, BE) with its named districts, number of areas and their union in rai,
    /// by code.</summary>
    public async Task<IReadOnlyList<StoredProject>> ListAsync(int? fiscalYear, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, """
            SELECT p.code, p.name_th, p.name_en, p.agency, p.fiscal_year, p.budget_thb, p.issue_group, p.target_kind,
                   p.target_value, p.target_unit,
                   coalesce((SELECT array_agg(district_code ORDER BY district_code) FROM plan_project_district
                             WHERE project_code = p.code), '{}'),
                   (SELECT count(*) FROM project_area WHERE project_code = p.code),
                   coalesce((SELECT ST_Area(ST_Union(geom)::geography) / 1600 FROM project_area WHERE project_code = p.code), 0)
            FROM plan_project p WHERE $1::int IS NULL OR p.fiscal_year = $1
            ORDER BY p.code
            """, fiscalYear);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var projects = new List<StoredProject>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var project = new PlanProject(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetInt16(4), reader.IsDBNull(5) ? null : reader.GetDecimal(5), reader.IsDBNull(6) ? null : reader.GetInt16(6),
                TargetKinds.Parse(reader.GetString(7)), reader.IsDBNull(8) ? null : reader.GetDouble(8),
                reader.IsDBNull(9) ? null : reader.GetString(9), reader.GetFieldValue<string[]>(10));
            projects.Add(new StoredProject(project, (int)reader.GetInt64(11), reader.GetDouble(12)));
        }
        return projects;
    }

    /// <summary>
    /// District names to match project files against: the stored districts of the province (level 4 <c>admin_area</c>)
    /// together with the built-in Chiang Mai list, so names match before any boundary is imported. A name that districts
    /// of two provinces share matches neither (<see cref="DistrictNames.TryFind"/>).
    /// </summary>
    /// <param name="provinceCode">Two-digit DOPA province code, or null for every imported district.</param>
    public async Task<DistrictNames> DistrictNamesAsync(string? provinceCode, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null,
            "SELECT code, name_th, name_en FROM admin_area WHERE level = 4 AND ($1::text IS NULL OR province_code = $1) ORDER BY code",
            provinceCode);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var stored = new List<(string, string, string)>();
        while (await reader.ReadAsync(cancellationToken))
            stored.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        return new DistrictNames(stored.Concat(DistrictNames.ChiangMai));
    }

    private async Task<IReadOnlyList<ProjectResponsibility>> QueryAsync(string? districtCode, string? provinceCode, TargetKind kind,
        int? fiscalYear, CancellationToken cancellationToken)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, ResponsibilitySql, districtCode, provinceCode, TargetKinds.ToText(kind),
            fiscalYear);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<ProjectResponsibility>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new ProjectResponsibility(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetInt16(4),
                reader.IsDBNull(5) ? null : reader.GetDouble(5), reader.IsDBNull(6) ? null : reader.GetDouble(6), reader.GetBoolean(7)));
        }
        return rows;
    }
}
