using Gis.Core.Periods;
using Gis.Core.Targets;
using Gis.Core.Time;
using Gis.Importers.Alerts;
using Gis.Importers.Queries.Hotspots;
using Gis.Importers.Store;
using Gis.Rendering.Maps;

namespace Gis.Rendering.Alerts;

/// <summary>The map an alert carries: the province (or the rule's district) with exactly the alert's new detections.</summary>
public static class AlertMap
{
    /// <summary>
    /// Draws <paramref name="content"/>'s detections on the map page of <c>gis map --theme hotspots</c> (A4 landscape,
    /// 96 dpi PNG), in the rule's language. Null when no detection lies in a district: there is no province to draw.
    /// Cost: the map's queries and one PNG encoding, about a second.
    /// </summary>
    public static async Task<byte[]?> PngAsync(GisStore store, AlertContent content, MapFonts fonts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var code = content.Rule.Area.Code;
        var province = code?[..2] ?? content.Detections.Select(d => d.DistrictCode).FirstOrDefault(c => c is not null)?[..2];
        if (province is null)
            return null;
        var days = content.Detections.Select(d => Bangkok.LocalDay(d.AcquiredUtc)).ToList();
        var request = new MapRequest(MapTheme.Hotspots, Period.Dates(days.Min(), days.Max()), new PreviousBaseline(1), province,
            code is { Length: 4 } && content.Rule.BufferMeters == 0 ? code : null, ShowHotspots: true, content.Rule.Language,
            Bangkok.LocalDay(DateTime.UtcNow),
            Points: [.. content.Detections.Select(d => new HotspotPoint(d.Longitude, d.Latitude, d.Confidence))]);
        var model = await new MapDataLoader(store).LoadAsync(request, ct);
        var path = Path.Combine(Path.GetTempPath(), $"gis-alert-{Guid.NewGuid():N}.png");
        try
        {
            MapExporter.Export(model with { Title = content.Subject }, PageSize.Parse("a4-landscape"), 96, path, fonts);
            return await File.ReadAllBytesAsync(path, ct);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
