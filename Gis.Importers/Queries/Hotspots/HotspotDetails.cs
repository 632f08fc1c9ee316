using Gis.Importers.Store;

namespace Gis.Importers.Queries.Hotspots;


/// <summary>One stored detection as the workstation shows it when clicked.</summary>
/// <param name="LandClass">Hotspot land class of the land-use parcel under it (snapshot in force for its day), when any.</param>
/// <param name="ProjectAreas">Project areas the point lies in: "CODE name_th / name_en".</param>
public sealed record HotspotDetail(
    long Id, string Satellite, string Instrument, DateTime AcquiredUtc, DateOnly LocalDay, double Longitude, double Latitude,
    string Confidence, int? ConfidencePercent, double? FrpMw, string DayNight, string Version, string? DistrictCode,
    string? DistrictNameTh, string? DistrictNameEn, bool Superseded, string? LandClass, int? LandUseSnapshot,
    IReadOnlyList<ProjectAreaRef> ProjectAreas);

/// <summary>A project area a point or district refers to.</summary>
public sealed record ProjectAreaRef(long AreaId, string ProjectCode, string NameTh, string NameEn, string TargetKind, int FiscalYear);

/// <summary>One stored detection as it is shown when clicked: its district, land class and project areas.</summary>
public sealed class HotspotDetails(GisStore store)
{
    /// <summary>One detection with its district, the land class under it and the project areas it falls in; null when unknown.</summary>
    public async Task<HotspotDetail?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        HotspotDetail? detail = null;
        // The land-use snapshot in force for the detection's day, as the target engine takes it: the latest surveyed
        // in or before that year (BE), else the earliest.
        await using (var command = Sql.Command(connection, null, """
            SELECT h.id, h.satellite, h.instrument, h.acquired_utc, h.local_day, h.longitude, h.latitude, h.confidence,
                   h.confidence_pct, h.frp_mw, h.daynight, h.version, h.district_code, a.name_th, a.name_en,
                   h.superseded_by_batch IS NOT NULL, lu.land_class, lu.snapshot
            FROM hotspot h
            LEFT JOIN admin_area a ON a.code = h.district_code
            LEFT JOIN LATERAL (
                SELECT s.snapshot FROM landuse_snapshot s
                ORDER BY (s.snapshot <= extract(year FROM h.local_day) + $2) DESC,
                         CASE WHEN s.snapshot <= extract(year FROM h.local_day) + $2 THEN -s.snapshot ELSE s.snapshot END
                LIMIT 1) snap ON true
            LEFT JOIN LATERAL (
                SELECT lp.land_class, lp.snapshot FROM landuse_parcel lp
                WHERE lp.snapshot = snap.snapshot AND ST_Intersects(lp.geom, h.geom) ORDER BY lp.id LIMIT 1) lu ON true
            WHERE h.id = $1
            """, id, Gis.Core.Time.ThaiCalendar.BuddhistEraOffset))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
                return null;
            detail = new HotspotDetail(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetDateTime(3),
                reader.GetFieldValue<DateOnly>(4), reader.GetDouble(5), reader.GetDouble(6), reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetInt16(8), reader.IsDBNull(9) ? null : reader.GetFloat(9), reader.GetString(10),
                reader.GetString(11), reader.IsDBNull(12) ? null : reader.GetString(12), reader.IsDBNull(13) ? null : reader.GetString(13),
                reader.IsDBNull(14) ? null : reader.GetString(14), reader.GetBoolean(15), reader.IsDBNull(16) ? null : reader.GetString(16),
                reader.IsDBNull(17) ? null : reader.GetInt16(17), []);
        }
        var areas = new List<ProjectAreaRef>();
        await using (var command = Sql.Command(connection, null, """
            SELECT a.id, a.project_code, p.name_th, p.name_en, p.target_kind, coalesce(a.year, p.fiscal_year)
            FROM project_area a JOIN plan_project p ON p.code = a.project_code, hotspot h
            WHERE h.id = $1 AND ST_Intersects(a.geom, h.geom) ORDER BY a.project_code, a.id
            """, id))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                areas.Add(new ProjectAreaRef(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.GetString(4), reader.GetInt16(5)));
        }
        return detail with { ProjectAreas = areas };
    }
}
