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
            return Results.Ok(DetectionJson.Of(h));
        });
    }
}

/// <summary>
/// One detection as the page shows it: UTC and Bangkok time, FRP rounded to 2 decimals, its district, the land class
/// under it and the project areas it falls in.
/// </summary>
internal sealed record DetectionJson(long Id, string Satellite, string Instrument, DateTime AcquiredUtc, string LocalTime,
    DateOnly LocalDay, double Longitude, double Latitude, string Confidence, int? ConfidencePct, double? FrpMw, string Daynight,
    string Version, string? DistrictCode, string? DistrictNameTh, string? DistrictNameEn, bool Superseded, string? LandClass,
    int? LanduseSnapshot, IEnumerable<DetectionAreaJson> ProjectAreas)
{
    public static DetectionJson Of(HotspotDetail h)
    {
        var utc = DateTime.SpecifyKind(h.AcquiredUtc, DateTimeKind.Utc);
        // Bangkok has no daylight saving: UTC+7 all year.
        var local = (utc + Bangkok.UtcOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return new(h.Id, h.Satellite, h.Instrument, utc, local, h.LocalDay, h.Longitude, h.Latitude, h.Confidence, h.ConfidencePercent,
            h.FrpMw is { } frp ? Math.Round(frp, 2) : null, h.DayNight, h.Version, h.DistrictCode, h.DistrictNameTh, h.DistrictNameEn,
            h.Superseded, h.LandClass, h.LandUseSnapshot,
            h.ProjectAreas.Select(a => new DetectionAreaJson(a.AreaId, a.ProjectCode, a.NameTh, a.NameEn, a.TargetKind, a.FiscalYear)));
    }
}

/// <summary>A project area a detection falls in; <paramref name="Kind"/> is the project's target kind, <paramref name="Year"/> its fiscal
/// year.</summary>
internal sealed record DetectionAreaJson(long AreaId, string Code, string NameTh, string NameEn, string Kind, int Year);
