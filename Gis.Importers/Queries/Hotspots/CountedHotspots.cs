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
