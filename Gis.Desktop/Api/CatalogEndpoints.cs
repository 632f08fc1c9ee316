using Gis.Core.Hotspots;
using Gis.Core.Time;
using Gis.Importers.Queries.Hotspots;
using Gis.Importers.Queries.LandUse;
using Gis.Rendering.Maps;

namespace Gis.Desktop.Api;

/// <summary><c>/api/catalog</c>: what the store holds (days with detections, land-use snapshots) and the map colours.</summary>
internal static class CatalogEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/catalog", async (GisStore store, CancellationToken ct) =>
        {
            var days = await new HotspotCounts(store).StoredDaysAsync(ct);
            var seasons = new List<int>();
            var fiscal = new List<int>();
            if (days is var (first, last))
            {
                for (var be = ThaiCalendar.BuddhistYear(first); be <= ThaiCalendar.BuddhistYear(last); be++)
                    seasons.Add(be);
                for (var fy = ThaiCalendar.FiscalYear(first); fy <= ThaiCalendar.FiscalYear(last); fy++)
                    fiscal.Add(fy);
            }
            return Results.Ok(new
            {
                first_day = days?.First,
                last_day = days?.Last,
                seasons,
                fiscal_years = fiscal,
                snapshots = await new GreenChangeQueries(store).SnapshotsAsync(ct),
                // The renderer's colours, so the screen and the exported map agree (MapStyles is their one place).
                colors = new
                {
                    outline = MapStyles.Outline.ToString(),
                    plain = MapStyles.PlainDistrict.ToString(),
                    met = MapStyles.Met.ToString(),
                    not_met = MapStyles.NotMet.ToString(),
                    no_verdict = MapStyles.NoVerdict.ToString(),
                    zero_allocation = MapStyles.ZeroAllocation.ToString(),
                    greens = MapStyles.Greens.Select(c => c.ToString()),
                    hotspot = MapStyles.Hotspot.Select(c => c.ToString()),
                    hotspot_outline = MapStyles.HotspotOutline.ToString(),
                    // Land-use parcels by land class, project areas by their project's target, the province line: the
                    // classes the QGIS project draws too.
                    land_classes = MapStyles.LandClasses.ToDictionary(c => c.Key, c => c.Fill.ToString()),
                    projects = MapStyles.ProjectClasses.ToDictionary(c => c.Key["project-".Length..], c => c.Outline.ToString()),
                    province = MapStyles.ProvinceClasses[0].Outline.ToString(),
                },
                // The heat map's classes (detections per 100 km²) and the kernel bandwidth, for its legend.
                heat = new
                {
                    bandwidth_m = HeatDensity.BandwidthMeters,
                    breaks = HeatDensity.ClassBreaks,
                    colors = MapStyles.Heat.Select(c => c.ToString()),
                },
            });
        });
    }
}
