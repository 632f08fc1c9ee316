using Gis.Core.Plans;
using Gis.Core.Targets;
using Gis.Importers.Queries.LandUse;
using Gis.Importers.Queries.Projects;
using Gis.Importers.Store;

namespace Gis.Importers.Targets;

/// <summary>
/// The green-area target per district: land-use change (<see cref="GreenChangeQueries"/>), green-project rai of a
/// year, and the stored allocation. Computing only reads; <see cref="SaveAsync"/> stores a result as a run
/// (<c>target_run</c>, <c>green_target_result</c>, view <c>green_target_map</c>) when the user asks (<c>gis targets green --save</c>).
/// </summary>
public sealed class GreenTargetService(GisStore store)
{
    /// <param name="fromYear">Earlier land-use snapshot (BE).</param>
    /// <param name="toYear">Later land-use snapshot (BE).</param>
    /// <param name="year">BE year of the green-project polygons and of the allocation.</param>
    /// <param name="provinceCode">Two-digit code, or null for every imported district (then without the allocation and responsible
    /// projects, which are kept per province).</param>
    public async Task<GreenTargetReport> ComputeAsync(int fromYear, int toYear, int year, string? provinceCode,
        CancellationToken cancellationToken = default)
    {
        var change = await new GreenChangeQueries(store).ChangeByDistrictAsync(fromYear, toYear, provinceCode, cancellationToken);
        var (perDistrict, union, claimed) = await ProjectsRaiAsync(year, provinceCode, cancellationToken);
        var allocation = provinceCode is null ? new Dictionary<string, int>()
            : await new AllocationService(store).StoredAsync(year, provinceCode, cancellationToken);
        // Green projects of the year's budget answer for its additions; those of the whole province for its total.
        var queries = new ProjectQueries(store);
        IReadOnlyList<ProjectResponsibility> projects = provinceCode is null ? []
            : [.. await queries.ResponsibleProjectsByDistrictAsync(provinceCode, TargetKind.GreenArea, year, cancellationToken),
                .. await queries.ProvinceWideProjectsAsync(provinceCode, TargetKind.GreenArea, year, cancellationToken)];
        return new GreenTargetReport(change, year, perDistrict, union, claimed, allocation, projects);
    }

    /// <summary>
    /// Rai of the year's green-project polygons per district (union: overlapping projects count once), their union
    /// over the selection, and the sum of each project's own area (the claims). A polygon without a year takes its
    /// project's fiscal year.
    /// </summary>
    internal async Task<(Dictionary<string, double> PerDistrict, double Union, double Claimed)> ProjectsRaiAsync(int year,
        string? provinceCode, CancellationToken ct)
    {
        const string GreenAreas = """
            SELECT pa.project_code, pa.geom FROM project_area pa JOIN plan_project p ON p.code = pa.project_code
            WHERE p.target_kind = 'green' AND coalesce(pa.year, p.fiscal_year) = $1
            """;
        const string Selection =
            "SELECT ST_Union(geom) AS geom FROM admin_area WHERE level = 4 AND ($2::text IS NULL OR province_code = $2)";
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        var perDistrict = new Dictionary<string, double>();
        await using (var command = Sql.Command(connection, null, $"""
            SELECT a.code, ST_Area(ST_Intersection(a.geom, u.geom)::geography) / 1600
            FROM admin_area a
            JOIN (SELECT ST_Union(geom) AS geom FROM ({GreenAreas}) g) u ON ST_Intersects(a.geom, u.geom)
            WHERE a.level = 4 AND ($2::text IS NULL OR a.province_code = $2)
            """, (short)year, provinceCode))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                perDistrict[reader.GetString(0)] = reader.GetDouble(1);
        }
        var union = await Sql.ScalarAsync<double?>(connection, null, $"""
            SELECT ST_Area(ST_Intersection(s.geom, ST_Union(g.geom))::geography) / 1600
            FROM ({GreenAreas}) g, ({Selection}) s GROUP BY s.geom
            """, ct, (short)year, provinceCode) ?? 0;
        var claimed = await Sql.ScalarAsync<double?>(connection, null, $"""
            SELECT sum(ST_Area(ST_Intersection(s.geom, p.geom)::geography)) / 1600
            FROM (SELECT project_code, ST_Union(geom) AS geom FROM ({GreenAreas}) g GROUP BY project_code) p, ({Selection}) s
            """, ct, (short)year, provinceCode) ?? 0;
        return (perDistrict, union, claimed);
    }

    /// <summary>
    /// Stores the report as a new run (<c>target_run</c>, its districts in <c>green_target_result</c>), in one
    /// transaction; earlier runs stay (ADR 0016).
    /// </summary>
    /// <param name="provinceCode">The province the report was computed for, null for every imported district.</param>
    /// <param name="savedBy">Who saves it.</param>
    /// <returns>The id of the new run.</returns>
    public async Task<long> SaveAsync(GreenTargetReport report, string? provinceCode, string savedBy, CancellationToken ct = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var run = new TargetRunParameters("green", provinceCode, FromSnapshot: report.Change.FromYear,
            ToSnapshot: report.Change.ToYear, Year: report.Year);
        var runId = await TargetRuns.InsertAsync(store, connection, tx, run, savedBy, ct);
        foreach (var d in report.Change.Districts)
        {
            await Sql.ExecuteAsync(connection, tx, """
                INSERT INTO green_target_result (run_id, district_code, gain_rai, loss_rai, net_rai, projects_rai, allocation_rai)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                """, ct, runId, d.Code, d.GainRai, d.LossRai, d.NetRai, report.ProjectsRai.GetValueOrDefault(d.Code),
                report.Allocation.TryGetValue(d.Code, out var allocated) ? allocated : null);
        }
        await tx.CommitAsync(ct);
        return runId;
    }
}
