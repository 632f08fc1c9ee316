using Gis.Core;
using Gis.Core.Hotspots;
using Gis.Core.Time;
using Gis.Importers.Queries.Hotspots;
using Gis.Importers.Store;
using Npgsql;

namespace Gis.Importers.Queries.Layers;

/// <summary>The stored layers that can be read page by page (<see cref="FeaturePages"/>).</summary>
public enum FeatureLayer
{
    /// <summary>Imported province boundaries (admin level 2), keyed by DOPA code.</summary>
    Provinces,

    /// <summary>Districts (level 4) with the latest saved hotspot and green target result of each and its run's parameters.</summary>
    Districts,

    /// <summary>FIRMS detections that count (<c>hotspot_counted</c>: superseded NRT rows left out), keyed by id.</summary>
    Hotspots,

    /// <summary>Project areas with their plan project, keyed by id.</summary>
    ProjectAreas,

    /// <summary>The district allocation of the green target per year, keyed by year × 10000 + district code (ADR 0016).</summary>
    Allocation,
}

/// <summary>A rectangle in WGS 84 longitude/latitude degrees. <paramref name="West"/> greater than <paramref name="East"/>
/// crosses the antimeridian.</summary>
public sealed record LonLatBox(double West, double South, double East, double North);

/// <summary>Instants from <paramref name="FromUtc"/> (inclusive) to <paramref name="ToUtc"/> (exclusive); a null end is open.</summary>
public sealed record UtcRange(DateTime? FromUtc, DateTime? ToUtc);

/// <summary>
/// One page of a layer: features in key order after <paramref name="After"/> (null: from the first), at most
/// <paramref name="Limit"/>, intersecting <paramref name="Box"/> and (detections only) acquired within <paramref name="Time"/> and
/// passing <paramref name="Filter"/>. <paramref name="CountMatched"/> also counts every feature that matches (one more query).
/// </summary>
public sealed record FeaturePageRequest(LonLatBox? Box = null, UtcRange? Time = null, HotspotFilter? Filter = null, int Limit = 10,
    string? After = null, bool CountMatched = false);

/// <summary>A feature with its key: a DOPA code (provinces, districts) or an integer written as text.</summary>
public sealed record KeyedFeature(string Key, GeoJsonFeature Feature);

/// <summary>Features of a page; <paramref name="Next"/> is the key to continue after, null on the last page.</summary>
public sealed record FeaturePage(IReadOnlyList<KeyedFeature> Features, long? NumberMatched, string? Next);

/// <summary>Where and when a layer's features are: null members when the layer is empty or has no time.</summary>
public sealed record LayerExtent(LonLatBox? Box, DateTime? FirstUtc, DateTime? LastUtc);

/// <summary>
/// Stored layers read page by page in the order of their key (keyset paging: a page costs the same at the millionth
/// feature as at the first, and a feature stored meanwhile never shifts another into a second page), with their
/// geometry as GeoJSON made by PostGIS (6 decimals, 0.1 m). A box selects the features whose geometry intersects it.
/// </summary>
public sealed class FeaturePages(GisStore store)
{
    private const int Decimals = 6;

    /// <summary>A layer's SQL parts: fixed text of this file, never text from outside.</summary>
    private sealed record Layer(string Key, bool IntegerKey, string Geometry, string From, string Where,
        (string Name, string Sql)[] Columns, string? Acquired = null);

    private static readonly Layer Provinces = new("a.code", false, "a.geom", "admin_area a", "a.level = 2",
        [("code", "a.code"), ("name_th", "a.name_th"), ("name_en", "a.name_en")]);

    // The latest saved run that holds the district, of each kind (runs only grow; a higher id is a later save).
    private static readonly Layer Districts = new("a.code", false, "a.geom", """
        admin_area a
        LEFT JOIN LATERAL (
          SELECT r.run_id, t.period, t.baseline, t.count_mode, t.source, t.instrument, t.satellites, t.confidences, t.daynight,
                 t.types, r.count, r.baseline_count, r.change_pct, r.target_pct, r.status, t.saved_at
          FROM hotspot_target_result r JOIN target_run t ON t.id = r.run_id
          WHERE r.district_code = a.code ORDER BY r.run_id DESC LIMIT 1) h ON true
        LEFT JOIN LATERAL (
          SELECT r.run_id, t.from_snapshot, t.to_snapshot, t.year, r.gain_rai, r.loss_rai, r.net_rai, r.projects_rai,
                 r.allocation_rai, t.saved_at
          FROM green_target_result r JOIN target_run t ON t.id = r.run_id
          WHERE r.district_code = a.code ORDER BY r.run_id DESC LIMIT 1) g ON true
        """, "a.level = 4",
        [("code", "a.code"), ("name_th", "a.name_th"), ("name_en", "a.name_en"), ("province_code", "a.province_code"),
            ("hotspot_run_id", "h.run_id"), ("hotspot_period", "h.period"), ("hotspot_baseline", "h.baseline"),
            ("hotspot_count_mode", "h.count_mode"), ("hotspot_source", "h.source"), ("hotspot_instrument", "h.instrument"),
            ("hotspot_satellites", "h.satellites"), ("hotspot_confidences", "h.confidences"), ("hotspot_daynight", "h.daynight"),
            ("hotspot_types", "h.types"), ("hotspot_count", "h.count"), ("hotspot_baseline_count", "h.baseline_count"),
            ("hotspot_change_pct", "h.change_pct"), ("hotspot_target_pct", "h.target_pct"), ("hotspot_status", "h.status"),
            ("hotspot_saved_at", "h.saved_at"), ("green_run_id", "g.run_id"), ("green_from_snapshot", "g.from_snapshot"),
            ("green_to_snapshot", "g.to_snapshot"), ("green_year", "g.year"), ("green_gain_rai", "g.gain_rai"),
            ("green_loss_rai", "g.loss_rai"), ("green_net_rai", "g.net_rai"), ("green_projects_rai", "g.projects_rai"),
            ("green_allocation_rai", "g.allocation_rai"), ("green_saved_at", "g.saved_at")]);

    private static readonly Layer Hotspots = new("h.id", true, "h.geom", CountedHotspots.Relation(HotspotSource.Firms) + " h", "true",
        [("satellite", "h.satellite"), ("instrument", "h.instrument"), ("acquired_utc", "h.acquired_utc"),
            ("local_day", "h.local_day"), ("confidence", "h.confidence::text"), ("confidence_pct", "h.confidence_pct"),
            ("frp_mw", "h.frp_mw"), ("brightness_k", "h.brightness_k"), ("daynight", "h.daynight::text"), ("type", "h.type"),
            ("version", "h.version"), ("district_code", "h.district_code")], Acquired: "h.acquired_utc");

    private static readonly Layer ProjectAreas = new("a.id", true, "a.geom",
        "project_area a JOIN plan_project p ON p.code = a.project_code", "true",
        [("project_code", "a.project_code"), ("project_name_th", "p.name_th"), ("project_name_en", "p.name_en"),
            ("agency", "p.agency"), ("target_kind", "p.target_kind"), ("year", "coalesce(a.year, p.fiscal_year)"), ("name", "a.name"),
            ("area_rai", "a.area_rai"), ("source", "a.source")]);

    // The key of district_allocation_map (ADR 0016): year and district code, both numbers, in one integer.
    private static readonly Layer Allocation = new("(d.year::integer * 10000 + d.district_code::integer)", true, "a.geom",
        "district_allocation d JOIN admin_area a ON a.code = d.district_code", "true",
        [("year", "d.year"), ("district_code", "d.district_code"), ("name_th", "a.name_th"), ("name_en", "a.name_en"),
            ("allocation_rai", "d.allocation_rai"), ("locked", "d.locked"), ("weight_kind", "d.weight_kind"), ("weight", "d.weight"),
            ("target_rai", "d.target_rai"), ("computed_at", "d.computed_at")]);

    private static Layer Of(FeatureLayer layer) => layer switch
    {
        FeatureLayer.Provinces => Provinces,
        FeatureLayer.Districts => Districts,
        FeatureLayer.Hotspots => Hotspots,
        FeatureLayer.ProjectAreas => ProjectAreas,
        FeatureLayer.Allocation => Allocation,
        _ => throw new ArgumentOutOfRangeException(nameof(layer), layer, null),
    };

    /// <summary>Whether the layer's keys are integers (else DOPA codes).</summary>
    public static bool HasIntegerKey(FeatureLayer layer) => Of(layer).IntegerKey;

    /// <summary>Whether the layer's features have a time (the detections' acquisition instant).</summary>
    public static bool HasTime(FeatureLayer layer) => Of(layer).Acquired is not null;

    /// <summary>The property names of the layer's features, in the order they are written.</summary>
    public static IReadOnlyList<string> PropertyNames(FeatureLayer layer) => [.. Of(layer).Columns.Select(c => c.Name)];

    /// <summary>
    /// One page of <paramref name="layer"/>. Cost: an index range of the key (or of the box and days when they are
    /// narrower), plus, with <see cref="FeaturePageRequest.CountMatched"/>, a count of every match (for the detections
    /// of a whole archive a scan of millions of rows: ask it once, not per page).
    /// </summary>
    /// <exception cref="ArgumentException">A limit below 1, a time on a layer without time, a filter on a layer other
    /// than the detections, or an <c>after</c> key that is not an integer on an integer-keyed layer.</exception>
    public async Task<FeaturePage> PageAsync(FeatureLayer layer, FeaturePageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Limit, 1);
        var l = Of(layer);
        var conditions = new Conditions(l, request);
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        long? matched = null;
        if (request.CountMatched)
        {
            await using var count = conditions.Command(connection, $"SELECT count(*) FROM {l.From} WHERE {conditions.Where}");
            matched = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }
        // A page reads at most limit + 1 rows in key order: starting parallel workers costs more than it reads (a bbox page
        // of 1M detections: 690 ms with two workers, 58 ms without). The count above may still use them.
        await Sql.ExecuteAsync(connection, null, "SET max_parallel_workers_per_gather = 0", cancellationToken);
        if (request.After is { } after)
            conditions.Add($"{l.Key} > {conditions.Parameter(l.IntegerKey ? IntegerKey(after) : after)}");
        var limit = conditions.Parameter(request.Limit + 1);
        var features = await ReadAsync(connection, conditions, $"ORDER BY {l.Key} LIMIT {limit}", cancellationToken);
        // One more row than asked tells whether a next page exists without a second query.
        var next = features.Count > request.Limit ? features[request.Limit - 1].Key : null;
        if (next is not null)
            features.RemoveAt(request.Limit);
        return new FeaturePage(features, matched, next);
    }

    /// <summary>The feature of <paramref name="layer"/> with <paramref name="key"/>, or null when none is stored (or the key
    /// cannot be one of the layer's).</summary>
    public async Task<KeyedFeature?> FindAsync(FeatureLayer layer, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var l = Of(layer);
        if (l.IntegerKey && !long.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture,
                out _))
            return null;
        var conditions = new Conditions(l, new FeaturePageRequest());
        conditions.Add($"{l.Key} = {conditions.Parameter(l.IntegerKey ? IntegerKey(key) : key)}");
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        var features = await ReadAsync(connection, conditions, "", cancellationToken);
        return features.Count == 0 ? null : features[0];
    }

    /// <summary>
    /// The bounding box of the layer's geometries and, for the detections, the first and last acquisition instant.
    /// Cost: one pass over the layer's geometries (for millions of detections, a second or so: keep the answer while
    /// the data version stands); the instants read the day index.
    /// </summary>
    public async Task<LayerExtent> ExtentAsync(FeatureLayer layer, CancellationToken cancellationToken = default)
    {
        var l = Of(layer);
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        LonLatBox? box = null;
        await using (var command = Sql.Command(connection, null, $"""
            SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
            FROM (SELECT ST_Extent({l.Geometry}) AS e FROM {l.From} WHERE {l.Where}) x WHERE e IS NOT NULL
            """))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
                box = new LonLatBox(reader.GetDouble(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3));
        }
        if (l.Acquired is null || box is null)
            return new LayerExtent(box, null, null);
        // The first and last day come from the day index; only their rows are read for the instants.
        await using var times = Sql.Command(connection, null, $"""
            SELECT (SELECT min({l.Acquired}) FROM {l.From} WHERE h.local_day = (SELECT min(local_day) FROM {l.From})),
                   (SELECT max({l.Acquired}) FROM {l.From} WHERE h.local_day = (SELECT max(local_day) FROM {l.From}))
            """);
        await using var timeReader = await times.ExecuteReaderAsync(cancellationToken);
        await timeReader.ReadAsync(cancellationToken);
        return new LayerExtent(box, timeReader.IsDBNull(0) ? null : timeReader.GetDateTime(0),
            timeReader.IsDBNull(1) ? null : timeReader.GetDateTime(1));
    }

    private static async Task<List<KeyedFeature>> ReadAsync(NpgsqlConnection connection, Conditions conditions, string tail,
        CancellationToken cancellationToken)
    {
        var l = conditions.Layer;
        var columns = string.Join(", ", l.Columns.Select(c => c.Sql));
        await using var command = conditions.Command(connection,
            $"SELECT {l.Key}::text, ST_AsGeoJSON({l.Geometry}, {Decimals}), {columns} FROM {l.From} WHERE {conditions.Where} {tail}");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var features = new List<KeyedFeature>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var properties = new Dictionary<string, object?>(l.Columns.Length);
            for (var i = 0; i < l.Columns.Length; i++)
                properties[l.Columns[i].Name] = reader.IsDBNull(i + 2) ? null : reader.GetValue(i + 2);
            features.Add(new KeyedFeature(reader.GetString(0), new GeoJsonFeature(properties, reader.GetString(1))));
        }
        return features;
    }

    private static long IntegerKey(string key) =>
        long.TryParse(key, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture,
            out var value) ? value : throw new ArgumentException($"'{key}' is not an integer key.", nameof(key));

    /// <summary>
    /// The WHERE clause of a request and its parameters: only the conditions asked for are written (each a fixed text
    /// with positional parameters), so the planner sees a plain range or box condition and uses its index.
    /// </summary>
    private sealed class Conditions
    {
        private readonly List<object?> _values = [];
        private readonly List<string> _sql = [];
        private readonly HotspotFilter? _filter;

        public Conditions(Layer layer, FeaturePageRequest request)
        {
            Layer = layer;
            _sql.Add(layer.Where);
            if (request.Box is { } box)
            {
                // Across the antimeridian the box is two rectangles, one on each side.
                var parts = box.West <= box.East ? new[] { (box.West, box.East) } : new[] { (box.West, 180.0), (-180.0, box.East) };
                var srid = Parameter(Srid.Wgs84);
                var (south, north) = (Parameter(box.South), Parameter(box.North));
                _sql.Add("(" + string.Join(" OR ", parts.Select(p => $"ST_Intersects({layer.Geometry}, "
                    + $"ST_MakeEnvelope({Parameter(p.Item1)}, {south}, {Parameter(p.Item2)}, {north}, {srid}))")) + ")");
            }
            if (request.Time is { } time)
            {
                if (layer.Acquired is null)
                    throw new ArgumentException("This layer has no time.", nameof(request));
                // The same bounds as Bangkok days too, so only the year tables and days concerned are read.
                if (time.FromUtc is { } from)
                {
                    _sql.Add($"{layer.Acquired} >= {Parameter(DateTime.SpecifyKind(from, DateTimeKind.Utc))}");
                    _sql.Add($"h.local_day >= {Parameter(Bangkok.LocalDay(from))}");
                }
                if (time.ToUtc is { } to)
                {
                    _sql.Add($"{layer.Acquired} < {Parameter(DateTime.SpecifyKind(to, DateTimeKind.Utc))}");
                    _sql.Add($"h.local_day <= {Parameter(Bangkok.LocalDay(to))}");
                }
            }
            if (request.Filter is { } filter)
            {
                if (layer != Hotspots)
                    throw new ArgumentException("Only detections are filtered by sensor, confidence, day/night or type.", nameof(request));
                _filter = filter;
            }
        }

        public Layer Layer { get; }

        /// <summary>The conditions joined; the filter's five parameters come last, after every other.</summary>
        public string Where => string.Join(" AND ", _filter is null ? _sql : _sql.Append(CountedHotspots.FilterSql(_values.Count + 1)));

        public void Add(string condition) => _sql.Add(condition);

        /// <summary>Adds a value and returns its placeholder.</summary>
        public string Parameter(object value)
        {
            _values.Add(value);
            return "$" + _values.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public NpgsqlCommand Command(NpgsqlConnection connection, string sql)
        {
            var command = Sql.Command(connection, null, sql, [.. _values]);
            if (_filter is not null)
                CountedHotspots.AddFilterParameters(command, _filter);
            return command;
        }
    }
}
