using Gis.Core.Admin;
using Gis.Core.Time;
using Gis.Importers.Queries.LandUse;
using Gis.Rendering.Maps;

namespace Gis.Desktop.Api;

/// <summary>What the page asks to export: the current view's theme, period and district, as <c>gis map</c> takes them.</summary>
internal sealed record ExportRequest(
    string? Theme, string? Period, string? Baseline, string? Language, string? Format, string? District, bool Hotspots,
    int? GreenFrom, int? GreenTo, int? Year, string? Size, string? Author, string? HotspotView = null, string? Instrument = null);

/// <summary>
/// <c>POST /api/export</c>: the current view as a map page (PNG or PDF) drawn by the maps renderer
/// (<see cref="MapDataLoader"/>, <see cref="MapExporter"/>): title, legend, scale bar, north arrow, credits. A POST,
/// so it carries the anti-forgery token like every request that makes something.
/// </summary>
internal static class ExportEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/export", async (ExportRequest body, GisStore store, DesktopOptions options, CancellationToken ct) =>
        {
            var format = body.Format?.ToLowerInvariant() switch
            {
                "png" or null => "png",
                "pdf" => "pdf",
                _ => throw new ApiInputException($"format '{body.Format}': png or pdf."),
            };
            var theme = body.Theme switch
            {
                "reduction" => MapTheme.Reduction,
                "green" => MapTheme.Green,
                "hotspots" or null => MapTheme.Hotspots,
                _ => throw new ApiInputException($"theme '{body.Theme}': hotspots, reduction or green."),
            };
            var language = body.Language is "en" ? "en" : "th";
            var green = await new GreenChangeQueries(store).SnapshotsAsync(ct);
            var (greenFrom, greenTo) = (RequestValues.BeYear(body.GreenFrom, "green_from"), RequestValues.BeYear(body.GreenTo, "green_to"));
            if (theme == MapTheme.Green && greenFrom is null && greenTo is null && green.Count >= 2)
                (greenFrom, greenTo) = (green[^2], green[^1]);
            if (theme == MapTheme.Green && (greenFrom is null || greenTo is null))
                throw new ApiInputException("the green theme needs two land-use snapshots; fewer are imported.");
            PageSize page;
            try
            {
                page = PageSize.Parse(body.Size ?? "a4-landscape");
            }
            catch (FormatException e)
            {
                throw new ApiInputException("size: " + e.Message);
            }
            var request = new MapRequest(theme, RequestValues.Period(body.Period), RequestValues.Baseline(body.Baseline),
                options.ProvinceCode, body.District is { Length: > 0 } d ? DopaCode.Normalize(d) : null,
                body.Hotspots || theme == MapTheme.Hotspots, language, Bangkok.LocalDay(DateTime.UtcNow), greenFrom, greenTo,
                RequestValues.BeYear(body.Year, "year"), body.Author, Filter: RequestValues.Filter(body.Instrument),
                HeatMap: body.HotspotView switch
                {
                    null or "points" => false,
                    "heat" => true,
                    _ => throw new ApiInputException($"hotspot_view '{body.HotspotView}': points or heat."),
                });

            using var fonts = FontLocator.Locate();
            var model = await new MapDataLoader(store).LoadAsync(request, ct);
            // The exporter writes files; a private temporary file whose name no request chooses.
            var path = Path.Combine(Path.GetTempPath(), $"gis-export-{Guid.NewGuid():N}.{format}");
            try
            {
                MapExporter.Export(model, page, 150, path, fonts);
                var bytes = await File.ReadAllBytesAsync(path, ct);
                var periodName = request.Period.Label.Replace(':', '-').Replace("..", "_", StringComparison.Ordinal);
                var name = $"gis-{body.Theme ?? "hotspots"}-{periodName}.{format}";
                return Results.File(bytes, format == "pdf" ? "application/pdf" : "image/png", name);
            }
            finally
            {
                File.Delete(path);
            }
        });
    }
}
