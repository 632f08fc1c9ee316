using Gis.Core.Hotspots;
using Gis.Core.Periods;
using NetTopologySuite.Geometries;

namespace Gis.Importers.Store;

/// <summary>A district boundary for drawing: WGS 84 (x = longitude, y = latitude), as stored.</summary>
public sealed record DistrictShape(string Code, string NameTh, string NameEn, MultiPolygon Boundary);

/// <summary>A detection for drawing: WGS 84 degrees and its FIRMS confidence class.</summary>
public sealed record HotspotPoint(double Longitude, double Latitude, Confidence Confidence);

/// <summary>The geometries a map draws, read in one go before drawing starts.</summary>
public sealed class MapQueries(GisStore store)
{
    /// <summary>
    /// Districts (level 4) of <paramref name="provinceCode"/>, or only <paramref name="districtCode"/> when given, in
    /// code order; geometry in <see cref="Gis.Core.Srid.Wgs84"/>. Empty when none are imported.
    /// </summary>
    public async Task<IReadOnlyList<DistrictShape>> DistrictsAsync(string provinceCode, string? districtCode, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, """
            SELECT code, name_th, name_en, geom FROM admin_area
            WHERE level = 4 AND province_code = $1 AND ($2::text IS NULL OR code = $2)
            ORDER BY code
            """, provinceCode, districtCode);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var districts = new List<DistrictShape>();
        while (await reader.ReadAsync(cancellationToken))
            districts.Add(new DistrictShape(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<MultiPolygon>(3)));
        return districts;
    }

    /// <summary>
    /// The districts (level 4, of any province) around <paramref name="districtCode"/>, for the context of its own map:
    /// those within the district's bounding box grown on each side by the box's larger side, so whatever the page's
    /// shape shows around the district is filled; geometry in <see cref="Gis.Core.Srid.Wgs84"/>, code order.
    /// </summary>
    public async Task<IReadOnlyList<DistrictShape>> NeighboursAsync(string districtCode, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, """
            WITH d AS (SELECT geom::box2d AS b FROM admin_area WHERE level = 4 AND code = $1)
            SELECT a.code, a.name_th, a.name_en, a.geom FROM admin_area a, d
            WHERE a.level = 4 AND a.code <> $1
              AND a.geom && ST_Expand(d.b, greatest(ST_XMax(d.b) - ST_XMin(d.b), ST_YMax(d.b) - ST_YMin(d.b)))
            ORDER BY a.code
            """, districtCode);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var districts = new List<DistrictShape>();
        while (await reader.ReadAsync(cancellationToken))
            districts.Add(new DistrictShape(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<MultiPolygon>(3)));
        return districts;
    }

    /// <summary>
    /// Detections of <paramref name="instrument"/> (null: every instrument) on the local days of
    /// <paramref name="period"/> tagged with a district of the province (or with <paramref name="districtCode"/>), the
    /// same selection the target counts use; the overload with satellites (null: all) narrows it as the target's
    /// <c>--satellite</c> does. Cost: one index range scan over the period's days.
    /// </summary>
    public Task<IReadOnlyList<HotspotPoint>> HotspotsAsync(Period period, string provinceCode, string? districtCode, string? instrument, CancellationToken cancellationToken = default) =>
        HotspotsAsync(period, provinceCode, districtCode, instrument, null, cancellationToken);

    /// <inheritdoc cref="HotspotsAsync(Period, string, string?, string?, CancellationToken)"/>
    public async Task<IReadOnlyList<HotspotPoint>> HotspotsAsync(Period period, string provinceCode, string? districtCode, string? instrument,
        IReadOnlyList<string>? satellites, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, """
            SELECT longitude, latitude, confidence FROM hotspot_counted
            WHERE local_day BETWEEN $1 AND $2 AND left(district_code, 2) = $3 AND ($4::text IS NULL OR district_code = $4)
              AND ($5::text IS NULL OR instrument = $5) AND ($6::text[] IS NULL OR satellite = ANY($6))
            ORDER BY confidence, id
            """, period.From, period.To, provinceCode, districtCode, instrument, satellites?.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var points = new List<HotspotPoint>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var confidence = Confidences.TryParseClass(reader.GetString(2)) ?? Confidence.Nominal;
            points.Add(new HotspotPoint(reader.GetDouble(0), reader.GetDouble(1), confidence));
        }
        return points;
    }
}
