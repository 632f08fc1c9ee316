using System.Globalization;
using Gis.Core.Time;
using Gis.Importers.Queries.Hotspots;

namespace Gis.Desktop.Api;

/// <summary><c>/api/hotspots/{id}</c>: what the page shows when a detection is clicked.</summary>
internal static class HotspotEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/hotspots/{id:long}", async (long id, GisStore store, CancellationToken ct) =>
        {
            var h = await new HotspotDetails(store).FindAsync(id, ct);
            if (h is null)
                return Results.Json(new ApiErrors.ErrorBody($"No detection {id} is stored."), statusCode: StatusCodes.Status404NotFound);
            var local = DateTime.SpecifyKind(h.AcquiredUtc, DateTimeKind.Utc) + Bangkok.UtcOffset;
            return Results.Ok(new
            {
                id = h.Id,
                satellite = h.Satellite,
                instrument = h.Instrument,
                acquired_utc = DateTime.SpecifyKind(h.AcquiredUtc, DateTimeKind.Utc),
                // Bangkok has no daylight saving: UTC+7 all year.
                local_time = local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                local_day = h.LocalDay,
                longitude = h.Longitude,
                latitude = h.Latitude,
                confidence = h.Confidence,
                confidence_pct = h.ConfidencePercent,
                frp_mw = h.FrpMw is { } frp ? Math.Round(frp, 2) : (double?)null,
                daynight = h.DayNight,
                version = h.Version,
                district_code = h.DistrictCode,
                district_name_th = h.DistrictNameTh,
                district_name_en = h.DistrictNameEn,
                superseded = h.Superseded,
                land_class = h.LandClass,
                landuse_snapshot = h.LandUseSnapshot,
                project_areas = h.ProjectAreas.Select(a => new { area_id = a.AreaId, code = a.ProjectCode, name_th = a.NameTh, name_en = a.NameEn, kind = a.TargetKind, year = a.FiscalYear }),
            });
        });
    }
}
