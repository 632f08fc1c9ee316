
namespace Gis.Desktop.Api;

/// <summary>
/// Every endpoint group of the workstation. A group is a static class in its own file under <c>Api/</c> with
/// <c>public static void Map(IEndpointRouteBuilder app)</c>; list it in <see cref="MapAll"/>.
/// </summary>
internal static partial class DesktopApi
{
    public static void MapAll(IEndpointRouteBuilder app)
    {
        StaticAssets.Map(app);
        SessionEndpoints.Map(app);
        CatalogEndpoints.Map(app);
        LayerEndpoints.Map(app);
        TileEndpoints.Map(app);
        TargetEndpoints.Map(app);
        HotspotEndpoints.Map(app);
        ExportEndpoints.Map(app);
        QgisEndpoints.Map(app);
        AlertEndpoints.Map(app);
        Ogc.OgcEndpoints.Map(app);
        ImportEndpoints.Map(app);
        UserEndpoints.Map(app);
        MapPlanner(app);
    }

    /// <summary>
    /// Extension point for planner mode: implemented in <c>PlannerEndpoints.cs</c> as
    /// <c>static partial void MapPlanner(IEndpointRouteBuilder app) => PlannerEndpoints.Map(app);</c> inside
    /// <c>internal static partial class DesktopApi</c>. Without that file the call compiles to nothing.
    /// </summary>
    static partial void MapPlanner(IEndpointRouteBuilder app);
}
