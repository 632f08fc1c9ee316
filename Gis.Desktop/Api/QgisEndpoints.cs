using Gis.Core.Time;
using Gis.Rendering.Qgis;

namespace Gis.Desktop.Api;

/// <summary>
/// <c>GET /api/qgis/project.qgz</c>: the QGIS project of the workstation's province, made by the builder of <c>gis qgis</c>
/// (<see cref="QgisProjectLoader"/>, <see cref="QgisProject"/>, ADR 0031): its layers name the libpq service <c>gis</c>,
/// never a password. <c>GET /api/qgis/pg_service.conf</c>: that service's section (host, port, database, user), as
/// <c>gis qgis</c> writes it beside the project. Both read only, behind the workstation's gate like every request.
/// </summary>
internal static class QgisEndpoints
{
    private const string Service = "gis";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/qgis/project.qgz", async (string? lang, string? period, GisStore store, DesktopOptions options,
            CancellationToken ct) =>
        {
            var language = lang switch
            {
                null or "th" => "th",
                "en" => "en",
                _ => throw new ApiInputException($"lang '{lang}': th or en."),
            };
            var hotspotPeriod = string.IsNullOrWhiteSpace(period) ? null : RequestValues.Period(period);
            var model = await new QgisProjectLoader(store).LoadAsync(options.ProvinceCode, language,
                PgService.Of(Service, store.DataSource.ConnectionString).Connection, Bangkok.LocalDay(DateTime.UtcNow), hotspotPeriod, ct);
            var name = $"gis-{options.ProvinceCode}";
            using var bytes = new MemoryStream();
            QgisProject.Write(bytes, name, model);
            return Results.File(bytes.ToArray(), "application/zip", name + ".qgz");
        });
        app.MapGet("/api/qgis/pg_service.conf", (GisStore store) =>
            Results.Text(PgService.Of(Service, store.DataSource.ConnectionString).Section(), "text/plain; charset=utf-8"));
    }
}
