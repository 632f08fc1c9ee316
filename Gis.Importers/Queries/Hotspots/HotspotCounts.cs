using Gis.Core;
using Gis.Core.Hotspots;
using Gis.Core.Periods;
using Gis.Core.Targets;
using Gis.Importers.Store;
using Npgsql;
using NpgsqlTypes;

namespace Gis.Importers.Queries.Hotspots;

/// <summary>Counts of stored hotspots per district for several periods at once (one read for all of them).</summary>
/// <param name="Counts">Count per (district code, index of the period in the list asked for).</param>
/// <param name="BySensor">Count per (district code, satellite) in the first period.</param>
/// <param name="SatellitesByPeriod">The satellites with detections in each period, by index.</param>
public sealed record PeriodCounts(
    IReadOnlyDictionary<(string District, int Period), long> Counts,
    IReadOnlyDictionary<(string District, string Satellite), long> BySensor,
    IReadOnlyDictionary<int, IReadOnlyList<string>> SatellitesByPeriod);

/// <summary>
/// How many hotspots each district has: per district for a span of days (<c>gis hotspots</c>), per period as
/// detections or as fire events under a filter (targets, trend), and per land class. The detections counted are those
/// of <see cref="CountedHotspots"/>.
/// </summary>
/// <param name="source">
/// Whose detections: FIRMS (<c>hotspot_counted</c>, NRT superseded by standard data) or GISTDA (<c>gistda_hotspot</c>).
/// </param>
public sealed class HotspotCounts(GisStore store, HotspotSource source = HotspotSource.Firms)
{
    /// <summary>Detections of one local day closer than this (metres) are one fire event.</summary>
    public const double EventDistanceMeters = 375;

    /// <summary>
    /// The filtered detections of the periods ($1, $2), each with the index of the period it falls in (periods may
    /// overlap) and the land class the source itself gives (GISTDA's; none for FIRMS). Parameters: $1, $2 the periods'
    /// first and last days, $3 the province (null: every district), $4-$8 the filter.
    /// </summary>
    private string Selected => $"""
            SELECT h.id, h.district_code, h.satellite, h.local_day, h.acquired_utc, h.geom, p.idx::int - 1 AS idx,
                   {(source == HotspotSource.Gistda ? "h.land_class" : "NULL::text")} AS own_land_class
            FROM {CountedHotspots.Relation(source)} h
            {InPeriods}
            WHERE {InProvince} AND {CountedHotspots.FilterSql(4)}
        """;

    /// <summary>
    /// The same selection as <see cref="Selected"/> from the daily cube: per district, period index and satellite, the
    /// number of detections. Same parameters.
    /// </summary>
    private string CubeSelected => $"""
            SELECT h.district_code, h.idx::int - 1 AS idx, h.satellite, sum(h.detections)::bigint AS n
            FROM {CountedHotspots.CubeInPeriods(source, "$1::date[]", "$2::date[]")} h
            WHERE {InProvince} AND {CountedHotspots.FilterSql(4)}
            GROUP BY 1, 2, 3
        """;

    private const string InPeriods = """
        JOIN unnest($1::date[], $2::date[]) WITH ORDINALITY AS p(first_day, last_day, idx)
              ON h.local_day BETWEEN p.first_day AND p.last_day
        """;

    // A detection outside every district counts for no province, nor for all of them.
    private const string InProvince = "h.district_code IS NOT NULL AND ($3::text IS NULL OR left(h.district_code, 2) = $3)";

    /// <summary>
    /// Detections per district for Bangkok local days <paramref name="from"/> to <paramref name="to"/> (inclusive),
    /// every district of the province listed (zero included), plus those in no imported district. No filter: every
    /// instrument and satellite stored. Reads the cubes: cost grows with districts x months, not detections.
    /// </summary>
    /// <param name="provinceCode">Two-digit DOPA province code, or null for every imported district.</param>
    public async Task<HotspotCountReport> ByDistrictAsync(DateOnly from, DateOnly to, string? provinceCode,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        var districts = new List<DistrictCount>();
        long outside = 0;
        // One statement: the districts with their sums, then (code NULL) the detections outside every district.
        await using (var command = Sql.Command(connection, null, $"""
            WITH c AS (
                SELECT h.district_code, sum(h.detections)::bigint AS n
                FROM {CountedHotspots.CubeInPeriods(source, "ARRAY[$1::date]", "ARRAY[$2::date]")} h
                WHERE (h.district_code IS NULL OR $3::text IS NULL OR left(h.district_code, 2) = $3)
                GROUP BY 1)
            SELECT a.code, a.name_th, a.name_en, coalesce(c.n, 0)
            FROM admin_area a LEFT JOIN c ON c.district_code = a.code
            WHERE a.level = 4 AND ($3::text IS NULL OR a.province_code = $3)
            UNION ALL
            SELECT NULL, NULL, NULL, c.n FROM c WHERE c.district_code IS NULL
            ORDER BY 1
            """, from, to, provinceCode))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.IsDBNull(0))
                    outside = reader.GetInt64(3);
                else
                    districts.Add(new DistrictCount(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
            }
        }
        return new HotspotCountReport(from, to, districts, outside);
    }

    /// <summary>
    /// Every series stored for the province's districts in a period, whatever a filter would choose: detections per
    /// instrument and satellite, in code order. Tells a user whose series has nothing which other series does. Cost:
    /// a read of the period's months and edge days in the cubes.
    /// </summary>
    /// <param name="provinceCode">Two-digit code, or null for every district.</param>
    public async Task<IReadOnlyList<(string Instrument, string Satellite, long Count)>> SeriesAsync(Period period, string? provinceCode,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, $"""
            SELECT h.instrument, h.satellite, sum(h.detections)::bigint
            FROM {CountedHotspots.CubeInPeriods(source, "ARRAY[$1::date]", "ARRAY[$2::date]")} h
            WHERE {InProvince}
            GROUP BY 1, 2 ORDER BY 1, 2
            """, period.From, period.To, provinceCode);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var series = new List<(string, string, long)>();
        while (await reader.ReadAsync(cancellationToken))
            series.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        return series;
    }

    /// <summary>
    /// Counts per district of the province for each period (local days). Events are clustered per local day with
    /// DBSCAN in UTM 47N metres; an event belongs to the district of its earliest detection, so it counts once (of
    /// earliest detections in the same minute, the lower district code wins, as on a border; never the import order).
    /// Detections are read from the daily cube (<see cref="CountedHotspots.Cube"/>), events from the points.
    /// </summary>
    /// <param name="provinceCode">Two-digit code, only hotspots tagged with its districts count; null: every district.</param>
    public async Task<PeriodCounts> ByPeriodAsync(IReadOnlyList<Period> periods, string? provinceCode, HotspotFilter filter,
        CountMode mode, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        var sql = mode == CountMode.Detections
            ? CubeSelected
            : $"""
              SELECT district_code, idx, satellite, count(*) FROM (
                  SELECT DISTINCT ON (idx, local_day, event) id, district_code, satellite, local_day, acquired_utc, idx
                  FROM (SELECT s.*, ST_ClusterDBSCAN(ST_Transform(s.geom, $9), eps := $10, minpoints := 1)
                                    OVER (PARTITION BY s.idx, s.local_day) AS event
                        FROM ({Selected}) s) clustered
                  ORDER BY idx, local_day, event, acquired_utc, district_code COLLATE "C", id) c
              GROUP BY 1, 2, 3
              """;
        var counts = new Dictionary<(string, int), long>();
        var bySensor = new Dictionary<(string, string), long>();
        var satellites = new Dictionary<int, SortedSet<string>>();
        await using (var command = Command(connection, sql, periods, provinceCode, filter))
        {
            if (mode == CountMode.Events)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = Srid.Utm47N });
                command.Parameters.Add(new NpgsqlParameter { Value = EventDistanceMeters });
            }
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var (district, index, satellite, n) = (reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetInt64(3));
                counts[(district, index)] = counts.GetValueOrDefault((district, index)) + n;
                if (index == 0)
                    bySensor[(district, satellite)] = n;
                if (!satellites.TryGetValue(index, out var seen))
                    satellites[index] = seen = new SortedSet<string>(StringComparer.Ordinal);
                seen.Add(satellite);
            }
        }
        return new PeriodCounts(counts, bySensor, satellites.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)[.. kv.Value]));
    }

    /// <summary>
    /// Detections per district and hotspot land class in one period (<c>unmapped</c> where no class is known, so the
    /// classes add up to the count). FIRMS detections take the class of the parcel of one land-use snapshot they lie
    /// in (a point on the border of two parcels takes the first parcel stored); GISTDA records keep the class GISTDA
    /// gave them, whatever the snapshot.
    /// </summary>
    /// <param name="snapshot">BE year of the land-use snapshot (FIRMS only).</param>
    public async Task<IReadOnlyDictionary<(string District, string LandClass), long>> ByLandClassAsync(Period period, string? provinceCode,
        HotspotFilter filter, int snapshot, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        // GISTDA records without a class stay unmapped rather than borrowing ours: the comparison is of GISTDA's classes.
        // FIRMS: the detections counted per land class of each snapshot (hotspot_land_count, ADR 0046); a district's
        // unmapped ones are the rest of its count in the cube, so no detection is looked up in the parcels here.
        await using var command = Command(connection, source == HotspotSource.Gistda ? $"""
            SELECT s.district_code, coalesce(s.own_land_class, 'unmapped'), count(*) FROM ({Selected}) s GROUP BY 1, 2
            """ : $"""
            WITH classed AS (
                SELECT h.district_code, h.land_class, sum(h.detections)::bigint AS n
                FROM {CountedHotspots.LandClassesInPeriods("$9", "$1::date[]", "$2::date[]")} h
                WHERE {InProvince} AND {CountedHotspots.FilterSql(4)}
                GROUP BY 1, 2),
            mapped AS (SELECT district_code, sum(n)::bigint AS n FROM classed GROUP BY 1)
            SELECT district_code, land_class, n FROM classed
            UNION ALL
            SELECT t.district_code, 'unmapped', t.n - coalesce(m.n, 0)
            FROM (SELECT c.district_code, sum(c.n)::bigint AS n FROM ({CubeSelected}) c GROUP BY 1) t
            LEFT JOIN mapped m ON m.district_code = t.district_code
            WHERE t.n > coalesce(m.n, 0)
            """, [period], provinceCode, filter);
        command.Parameters.Add(new NpgsqlParameter { Value = (short)snapshot });
        var result = new Dictionary<(string, string), long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            result[(reader.GetString(0), reader.GetString(1))] = reader.GetInt64(2);
        return result;
    }

    /// <summary>
    /// The first and last local day with a counted detection, or null when none is stored. Two reads of the cube's key
    /// (day first), whatever the number of detections.
    /// </summary>
    public async Task<(DateOnly First, DateOnly Last)?> StoredDaysAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null,
            $"SELECT min(h.local_day), max(h.local_day) FROM {CountedHotspots.Cube(source)} h");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) && !reader.IsDBNull(0)
            ? (reader.GetFieldValue<DateOnly>(0), reader.GetFieldValue<DateOnly>(1))
            : null;
    }

    /// <summary>A query over <see cref="Selected"/> with its parameters $1-$8: the periods, the province and the filter.</summary>
    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, IReadOnlyList<Period> periods, string? provinceCode,
        HotspotFilter filter)
    {
        var command = Sql.Command(connection, null, sql);
        const NpgsqlDbType DateArray = NpgsqlDbType.Array | NpgsqlDbType.Date;
        command.Parameters.Add(new NpgsqlParameter { Value = periods.Select(p => p.From).ToArray(), NpgsqlDbType = DateArray });
        command.Parameters.Add(new NpgsqlParameter { Value = periods.Select(p => p.To).ToArray(), NpgsqlDbType = DateArray });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)provinceCode ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        CountedHotspots.AddFilterParameters(command, filter);
        return command;
    }
}
