using Gis.Core.Hotspots;
using Gis.Core.Periods;
using Gis.Importers.Store;

namespace Gis.Importers.Queries.Hotspots;

/// <summary>A detection for drawing: WGS 84 degrees and its FIRMS confidence class.</summary>
public sealed record HotspotPoint(double Longitude, double Latitude, Confidence Confidence);

/// <summary>The counted detections a map draws as points, read in one go before drawing starts.</summary>
public sealed class HotspotPoints(GisStore store)
{
    /// <summary>
    /// Detections on the local days of <paramref name="period"/> tagged with a district of the province (or with
    /// <paramref name="districtCode"/>) that pass <paramref name="filter"/>: the selection the target counts use
    /// (<see cref="CountedHotspots"/>), in confidence order so the surest are drawn last, on top. Cost: one index range
    /// scan over the period's days.
    /// </summary>
    public async Task<IReadOnlyList<HotspotPoint>> InPeriodAsync(Period period, string provinceCode, string? districtCode,
        HotspotFilter filter, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, $"""
            SELECT h.longitude, h.latitude, h.confidence FROM {CountedHotspots.Relation(HotspotSource.Firms)} h
            WHERE h.local_day BETWEEN $1 AND $2 AND left(h.district_code, 2) = $3 AND ($4::text IS NULL OR h.district_code = $4)
              AND {CountedHotspots.FilterSql(5)}
            ORDER BY h.confidence, h.id
            """, period.From, period.To, provinceCode, districtCode);
        CountedHotspots.AddFilterParameters(command, filter);
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
