using Gis.Importers.Queries.Layers;

namespace Gis.Desktop.Api.Ogc;

/// <summary>A feature collection of the OGC API: its id in paths, what it holds, and the stored layer it reads.</summary>
/// <param name="Filters">Query parameters of its items beyond bbox, datetime and limit (the detections' filter).</param>
/// <param name="HasTiles">Whether the workstation's vector tiles show it (OGC API - Tiles).</param>
internal sealed record OgcCollection(string Id, string Title, string Description, FeatureLayer Layer, IReadOnlyList<string> Filters,
    bool HasTiles = false)
{
    /// <summary>The query parameters the collection's items take.</summary>
    public IReadOnlyList<string> ItemParameters { get; } =
        [.. new[] { "bbox", "limit", OgcEndpoints.After }, .. FeaturePages.HasTime(Layer) ? ["datetime"] : Array.Empty<string>(),
            .. Filters];

    /// <summary>The detections' filter, named as the command line's options (<c>--instrument</c>, <c>--satellite</c>...).</summary>
    public static readonly string[] HotspotFilters = ["instrument", "satellite", "confidence", "daynight", "type"];

    public static readonly IReadOnlyList<OgcCollection> All =
    [
        new("provinces", "Provinces",
            "Province boundaries as imported (gis import boundaries), with their DOPA code and Thai and English names.",
            FeatureLayer.Provinces, []),
        new("districts", "Districts with the latest saved target results",
            "Districts (amphoe) with the latest saved hotspot target result and green target result of each (gis targets ... --save) "
            + "and the parameters of their runs (period, baseline, count mode, source, sensor filter; snapshots and year). "
            + "Null when no run holding the district was saved.", FeatureLayer.Districts, []),
        new("hotspots", "Fire hotspots (FIRMS detections that count)",
            "FIRMS detections as counted: re-delivered duplicates stored once, near-real-time rows replaced by standard data left out. "
            + "datetime selects by acquisition time (a date is a Bangkok day); instrument (VIIRS, MODIS, all), satellite, "
            + "confidence (l, n, h), daynight (D, N) and type (0-3) filter as the command line does, comma-separated.",
            FeatureLayer.Hotspots, HotspotFilters, HasTiles: true),
        new("project-areas", "Project areas",
            "Areas of the plan projects (imported or drawn in planner mode) with their project, agency, target kind, year (BE) "
            + "and area in rai on the WGS 84 ellipsoid.", FeatureLayer.ProjectAreas, []),
        new("allocation", "Green-area allocation per district",
            "The split of the provincial green-area target over the districts, per year (BE), as stored (gis allocate, planner mode).",
            FeatureLayer.Allocation, []),
    ];

    /// <summary>The collection with <paramref name="id"/>, or a 404 naming the collections there are.</summary>
    public static OgcCollection Find(string id) =>
        All.FirstOrDefault(c => c.Id == id) ?? throw new OgcNotFoundException(
            $"No collection '{id}'; there are {string.Join(", ", All.Select(c => c.Id))}.");
}

/// <summary>A collection or feature that does not exist: answered 404.</summary>
internal sealed class OgcNotFoundException(string message) : Exception(message);
