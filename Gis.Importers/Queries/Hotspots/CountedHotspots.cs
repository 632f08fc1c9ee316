using Gis.Core.Hotspots;
using Npgsql;
using NpgsqlTypes;

namespace Gis.Importers.Queries.Hotspots;

/// <summary>
/// The one definition of which stored detections count and how a <see cref="HotspotFilter"/> narrows them. Every query
/// that counts, draws or tiles hotspots (district counts, targets, trend, maps, reports, tiles, project results,
/// allocation weights) selects from <see cref="Relation"/> (the points) or <see cref="Cube"/> (their daily counts) and
/// filters with <see cref="FilterSql"/>, so a map and a table of the same choice can never disagree about which
/// detections they show.
/// </summary>
internal static class CountedHotspots
{
    /// <summary>
    /// The detections of a source that count: FIRMS through the view <c>hotspot_counted</c> (NRT rows superseded by
    /// standard data left out, ADR 0007), GISTDA's records as stored. One of two fixed names, never text from outside.
    /// </summary>
    public static string Relation(HotspotSource source) => source == HotspotSource.Gistda ? "gistda_hotspot" : "hotspot_counted";

    /// <summary>
    /// The same detections as <see cref="Relation"/>, counted per Bangkok day, district and every value a filter chooses
    /// (<c>hotspot_day_count</c>, ADR 0021): rows with <c>local_day</c>, <c>district_code</c>, the filter's columns under
    /// the points' names, and <c>detections</c>. A count in detections reads this (no geometry, a few rows per district
    /// and day); events and anything spatial read the points. One of two fixed texts, never text from outside.
    /// </summary>
    public static string Cube(HotspotSource source) => source == HotspotSource.Gistda ? GistdaCube : FirmsCube;

    // Superseded NRT rows are left out as hotspot_counted leaves them out; GISTDA rows are never superseded.
    private const string FirmsCube = "(SELECT * FROM hotspot_day_count WHERE source = 'firms' AND NOT superseded)";
    private const string GistdaCube = "(SELECT * FROM hotspot_day_count WHERE source = 'gistda')";

    /// <summary>
    /// The cube's rows for periods of Bangkok days, each with the 1-based index <c>idx</c> of its period (periods may
    /// overlap): a period's whole calendar months from the monthly cube (<c>hotspot_month_count</c>, ADR 0039), the days
    /// before its first and after its last whole month from the daily cube. The same columns as <see cref="Cube"/>
    /// (without <c>local_day</c>), so <see cref="FilterSql"/> applies; summed, the same counts as the daily cube over the
    /// period's days, from a thirtieth of the rows for a season or a year. <paramref name="firstDays"/> and
    /// <paramref name="lastDays"/> are SQL date arrays (parameters), never text from outside.
    /// </summary>
    public static string CubeInPeriods(HotspotSource source, string firstDays, string lastDays) =>
        InPeriods("hotspot_day_count", "hotspot_month_count", Counted(source), "", firstDays, lastDays);

    /// <summary>
    /// The FIRMS detections that count, per land class of land-use snapshot <paramref name="snapshot"/> (an SQL
    /// smallint, a parameter), read as <see cref="CubeInPeriods"/> reads the cube: from <c>hotspot_land_month_count</c>
    /// and <c>hotspot_land_count</c> (ADR 0046), the same columns plus <c>land_class</c>. Detections in no parcel of
    /// the snapshot have no row.
    /// </summary>
    public static string LandClassesInPeriods(string snapshot, string firstDays, string lastDays) =>
        InPeriods("hotspot_land_count", "hotspot_land_month_count", $"snapshot = {snapshot} AND NOT superseded", "land_class, ",
            firstDays, lastDays);

    // The day and month tables are two fixed names per caller, never text from outside.
    private static string InPeriods(string dayTable, string monthTable, string counted, string extraColumns, string firstDays,
        string lastDays) => $"""
        (WITH p AS (
             SELECT idx, first_day, last_day,
                    CASE WHEN whole_first < whole_end THEN whole_first - 1 ELSE last_day END AS head_last,
                    CASE WHEN whole_first < whole_end THEN whole_end ELSE last_day + 1 END AS tail_first,
                    whole_first, whole_end
             FROM (SELECT u.idx, u.first_day, u.last_day,
                          (date_trunc('month', (u.first_day - 1)::timestamp) + interval '1 month')::date AS whole_first,
                          date_trunc('month', (u.last_day + 1)::timestamp)::date AS whole_end
                   FROM unnest({firstDays}, {lastDays}) WITH ORDINALITY AS u(first_day, last_day, idx)) bounds)
         SELECT {extraColumns}m.district_code, m.instrument, m.satellite, m.confidence, m.daynight, m.type, m.detections, p.idx
         FROM p CROSS JOIN LATERAL (SELECT * FROM {monthTable}
                                    WHERE {counted} AND month >= p.whole_first AND month < p.whole_end OFFSET 0) m
         UNION ALL
         SELECT {extraColumns}d.district_code, d.instrument, d.satellite, d.confidence, d.daynight, d.type, d.detections, p.idx
         FROM p CROSS JOIN LATERAL (SELECT * FROM {dayTable}
                                    WHERE {counted} AND local_day BETWEEN p.first_day AND p.head_last OFFSET 0) d
         UNION ALL
         SELECT {extraColumns}d.district_code, d.instrument, d.satellite, d.confidence, d.daynight, d.type, d.detections, p.idx
         FROM p CROSS JOIN LATERAL (SELECT * FROM {dayTable}
                                    WHERE {counted} AND local_day BETWEEN p.tail_first AND p.last_day OFFSET 0) d)
        """;

    // Each period's months and edge days are read as a range of the cube's key (led by the month or the day) per period:
    // the LATERAL ... OFFSET 0 keeps the planner from joining the periods to a scan of the whole cube, which it did
    // because it cannot see the ranges of a CTE (50M detections, 10 years: 1,490 -> 92 ms, docs/benchmarks.md).
    private static string Counted(HotspotSource source) =>
        source == HotspotSource.Gistda ? "source = 'gistda'" : "source = 'firms' AND NOT superseded";

    /// <summary>Values <see cref="FilterSql"/> takes, in order, from its first parameter on.</summary>
    public const int FilterParameterCount = 5;

    /// <summary>
    /// Conditions on the detections (or cube rows) aliased <c>h</c> for a <see cref="HotspotFilter"/> whose five values are the
    /// parameters <c>$first</c> to <c>$first+4</c> (added by <see cref="AddFilterParameters"/>): instrument, satellites,
    /// confidences, day or night, FIRMS types. A null value does not filter (the planner folds it away).
    /// </summary>
    public static string FilterSql(int first) => $"""
        (${first}::text IS NULL OR h.instrument = ${first})
              AND (${first + 1}::text[] IS NULL OR h.satellite = ANY(${first + 1}))
              AND (${first + 2}::text[] IS NULL OR h.confidence = ANY(${first + 2}))
              AND (${first + 3}::text IS NULL OR h.daynight = ${first + 3})
              AND (${first + 4}::int[] IS NULL OR h.type = ANY(${first + 4}))
        """;

    /// <summary>Appends the filter's five values as the next parameters of the command (see <see cref="FilterSql"/>).</summary>
    public static void AddFilterParameters(NpgsqlCommand command, HotspotFilter filter)
    {
        command.Parameters.Add(Value(filter.Instrument, NpgsqlDbType.Text));
        command.Parameters.Add(Value(filter.Satellites?.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text));
        command.Parameters.Add(Value(filter.Confidences?.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text));
        command.Parameters.Add(Value(filter.DayNight, NpgsqlDbType.Text));
        command.Parameters.Add(Value(filter.Types?.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer));
    }

    // Typed, so that a null value still tells the server the parameter's type.
    private static NpgsqlParameter Value(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };
}
