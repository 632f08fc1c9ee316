using Gis.Core;
using Gis.Core.Hotspots;
using Gis.Core.Periods;
using Gis.Core.Spatial;
using Gis.Core.Time;
using Gis.Importers.Queries.AdminAreas;
using Gis.Importers.Queries.Hotspots;
using Gis.Importers.Queries.LandUse;
using Gis.Importers.Queries.Provenance;
using Gis.Importers.Queries.Runs;
using Gis.Importers.Store;
using Gis.Rendering.Maps;
using NetTopologySuite.Geometries;

namespace Gis.Rendering.Qgis;

/// <summary>Reads what a QGIS project of a province needs besides its layers: the place, its extent, the credits.</summary>
public sealed class QgisProjectLoader(GisStore store)
{
    /// <summary>
    /// The project model of <paramref name="provinceCode"/>; the credits name the sources of every layer it holds: the
    /// districts, the counted VIIRS detections of the province in the hotspot layers' period and the latest land-use
    /// snapshot. Cost: six small queries.
    /// </summary>
    /// <param name="connection">libpq parameters for the layers, without a password.</param>
    /// <param name="hotspotPeriod">The days the hotspot layers show; null: the period of the latest saved hotspot run of the
    /// province (the verdicts the project shows), or without one the fire season of the latest day the store covers.</param>
    /// <exception cref="StoreException">No district of the province is imported.</exception>
    public async Task<QgisProjectModel> LoadAsync(string provinceCode, string language, string connection, DateOnly madeOn,
        Period? hotspotPeriod = null, CancellationToken cancellationToken = default)
    {
        var areas = new AdminAreaQueries(store);
        await areas.RequireProvinceAsync(provinceCode, cancellationToken);
        var th = language == "th";
        var (_, province) = await areas.DistrictsOfAsync(provinceCode, cancellationToken);
        var box = await areas.BoundingBoxAsync(provinceCode, cancellationToken)
            ?? throw new StoreException($"province {provinceCode}: no boundary is stored.");
        var corners = new Polygon(new LinearRing([new(box.West, box.South), new(box.East, box.South), new(box.East, box.North),
            new(box.West, box.North), new(box.West, box.South)]))
        { SRID = Srid.Wgs84 };
        var extent = Reprojection.Wgs84ToUtm47N.Apply(corners).EnvelopeInternal;

        var provenance = new Credits(store);
        var credits = new List<string>();
        MapDataLoader.AddCredit(credits, th, th ? "ขอบเขตอำเภอ" : "Boundaries",
            await provenance.OfDistrictsAsync(provinceCode, null, cancellationToken));
        var period = hotspotPeriod ?? await HotspotPeriodAsync(provinceCode, madeOn, cancellationToken);
        MapDataLoader.AddCredit(credits, th, th ? "จุดความร้อน" : "Hotspots",
            await provenance.OfHotspotsAsync([period], provinceCode, null, new HotspotFilter(), cancellationToken));
        var coverage = await new HotspotCoverage(store).OfPeriodAsync(period, new HotspotFilter(), provinceCode, cancellationToken);
        var snapshots = await new GreenChangeQueries(store).SnapshotsAsync(cancellationToken);
        MapDataLoader.AddCredit(credits, th, th ? "การใช้ที่ดิน" : "Land use",
            await provenance.OfLandUseAsync(snapshots.TakeLast(1), cancellationToken));

        var place = MapDataLoader.ProvincePlace(province, th);
        var title = MapDataLoader.ThemeTitle(MapTheme.Reduction, th);
        return new QgisProjectModel(provinceCode, language, connection, "public", extent,
            th ? $"{title} {place}" : $"{title}, {place}", credits, madeOn, period,
            MapDataLoader.CoverageText(coverage, null, th));
    }

    private async Task<Period> HotspotPeriodAsync(string provinceCode, DateOnly madeOn, CancellationToken cancellationToken)
    {
        if (await new SavedRuns(store).LatestHotspotPeriodAsync(provinceCode, cancellationToken) is { } saved)
            return Period.Parse(saved);
        var last = (await new HotspotCoverage(store).ExtentAsync(cancellationToken))?.Last ?? madeOn;
        return Period.Season(ThaiCalendar.BuddhistYear(last));
    }
}
