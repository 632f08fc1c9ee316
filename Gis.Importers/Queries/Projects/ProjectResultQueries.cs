using Gis.Core.Hotspots;
using Gis.Core.Periods;
using Gis.Core.Plans;
using Gis.Core.Time;
using Gis.Importers.Queries.Hotspots;
using Gis.Importers.Store;

namespace Gis.Importers.Queries.Projects;

/// <summary>Per project: hotspots and green land inside its areas, with the claims-versus-union province line.</summary>
public sealed class ProjectResultQueries(GisStore store)
{
    /// <param name="fiscalYear">Only projects of this BE fiscal year; null for all.</param>
    /// <param name="instrument">VIIRS or MODIS hotspots (the series are not mixed); null for both.</param>
    public async Task<ProjectResultReport> ForPeriodAsync(Period period, int? fiscalYear, string? instrument = "VIIRS",
        CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        var year = ThaiCalendar.BuddhistYear(period.To);
        var snapshot = await Sql.ScalarAsync<short?>(connection, null,
            "SELECT coalesce(max(snapshot) FILTER (WHERE snapshot <= $1), min(snapshot)) FROM landuse_snapshot", cancellationToken,
                (short)year);

        // Each project's areas are dissolved first, so a project's own overlapping plots count once; the union row
        // dissolves all projects together.
        // Parameters: $1, $2 the period's days, $3 the snapshot, $4 the fiscal year, $5-$9 the hotspot filter.
        var measures = $"""
            ST_Area(u.geom::geography) / 1600,
            (SELECT count(*) FROM {CountedHotspots.Relation(HotspotSource.Firms)} h
             WHERE h.local_day BETWEEN $1 AND $2 AND {CountedHotspots.FilterSql(5)} AND ST_Intersects(u.geom, h.geom)),
            (SELECT sum(ST_Area((CASE WHEN ST_Covers(u.geom, l.geom) THEN l.geom
                                      ELSE ST_Intersection(u.geom, l.geom) END)::geography)) / 1600
             FROM landuse_parcel l WHERE l.snapshot = $3 AND l.is_green AND ST_Intersects(u.geom, l.geom))
            """;
        var filter = new HotspotFilter(Instrument: instrument);
        var projects = new List<ProjectResult>();
        await using (var command = Sql.Command(connection, null, $"""
            SELECT p.code, p.name_th, p.name_en, p.target_kind, p.fiscal_year, {measures}
            FROM plan_project p
            JOIN LATERAL (SELECT ST_Union(a.geom) AS geom FROM project_area a WHERE a.project_code = p.code) u ON u.geom IS NOT NULL
            WHERE $4::int IS NULL OR p.fiscal_year = $4
            ORDER BY p.code
            """, period.From, period.To, snapshot, fiscalYear))
        {
            CountedHotspots.AddFilterParameters(command, filter);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                projects.Add(new ProjectResult(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                    TargetKinds.Parse(reader.GetString(3)),
                    reader.GetInt16(4), reader.GetDouble(5), reader.GetInt64(6), snapshot is null ? null : reader.IsDBNull(7) ? 0
                        : reader.GetDouble(7)));
            }
        }

        ProjectResult union = new("union", "รวมไม่นับซ้ำ", "union (each place once)", TargetKind.Other, 0, 0, 0, snapshot is null ? null
            : 0);
        if (projects.Count > 0)
        {
            await using var command = Sql.Command(connection, null, $"""
                SELECT {measures}
                FROM (SELECT ST_Union(a.geom) AS geom FROM project_area a JOIN plan_project p ON p.code = a.project_code
                      WHERE $4::int IS NULL OR p.fiscal_year = $4) u
                """, period.From, period.To, snapshot, fiscalYear);
            CountedHotspots.AddFilterParameters(command, filter);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            union = union with
            {
                AreaRai = reader.GetDouble(0),
                Hotspots = reader.GetInt64(1),
                GreenRai = snapshot is null ? null : reader.IsDBNull(2) ? 0 : reader.GetDouble(2),
            };
        }
        var claimed = new ProjectResult("claimed", "รวมตามที่โครงการอ้าง", "sum of project claims", TargetKind.Other, 0,
            projects.Sum(p => p.AreaRai), projects.Sum(p => p.Hotspots), snapshot is null ? null : projects.Sum(p => p.GreenRai ?? 0));
        return new ProjectResultReport(period.Label, snapshot, projects, claimed, union);
    }
}
