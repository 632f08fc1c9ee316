using System.Collections.Frozen;
using Gis.Importers.Accounts;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Gis.Desktop.Api;

/// <summary>
/// The least role each endpoint needs (ADR 0034), in one table, checked by <see cref="DesktopSecurity"/> on every
/// request whatever the page shows. An endpoint missing here is refused to everyone (a test checks that every
/// mapped endpoint has its line), so a new endpoint is closed until someone decides who may use it.
/// </summary>
internal static class AccountAccess
{
    /// <summary>No sign-in needed: the sign-in page and its form.</summary>
    public static readonly AccountRole? Anyone;

    private const AccountRole Viewer = AccountRole.Viewer;
    private const AccountRole Officer = AccountRole.Officer;
    private const AccountRole Planner = AccountRole.Planner;
    private const AccountRole Admin = AccountRole.Admin;

    /// <summary>"METHOD route pattern" to the least role.</summary>
    public static readonly FrozenDictionary<string, AccountRole?> Table = new Dictionary<string, AccountRole?>
    {
        ["GET /signin"] = Anyone,
        ["POST /signin"] = Anyone,
        ["POST /api/signout"] = Viewer,
        ["GET /"] = Viewer,
        ["GET /app.js"] = Viewer,
        ["GET /app.css"] = Viewer,
        ["GET /api/health"] = Viewer,
        ["GET /api/session"] = Viewer,
        ["GET /api/catalog"] = Viewer,
        ["GET /api/layers/districts"] = Viewer,
        ["GET /api/layers/province"] = Viewer,
        ["GET /api/layers/landuse"] = Viewer,
        ["GET /api/layers/projects"] = Viewer,
        ["GET /api/tiles/hotspots/{z:int}/{x:int}/{y:int}.pbf"] = Viewer,
        ["GET /api/tiles/heat/{z:int}/{x:int}/{y:int}.png"] = Viewer,
        ["GET /api/districts/metrics"] = Viewer,
        ["GET /api/districts/{code}"] = Viewer,
        ["GET /api/hotspots/{id:long}"] = Viewer,
        // An export computes a file and stores nothing.
        ["POST /api/export"] = Viewer,
        ["GET /api/qgis/project.qgz"] = Viewer,
        ["GET /api/qgis/pg_service.conf"] = Viewer,
        ["GET /ogc/"] = Viewer,
        ["GET /ogc/conformance"] = Viewer,
        ["GET /ogc/api"] = Viewer,
        ["GET /ogc/collections"] = Viewer,
        ["GET /ogc/collections/{collectionId}"] = Viewer,
        ["GET /ogc/collections/{collectionId}/items"] = Viewer,
        ["GET /ogc/collections/{collectionId}/items/{featureId}"] = Viewer,
        ["GET /ogc/tileMatrixSets"] = Viewer,
        ["GET /ogc/tileMatrixSets/{tileMatrixSetId}"] = Viewer,
        ["GET /ogc/collections/{collectionId}/tiles"] = Viewer,
        ["GET /ogc/collections/{collectionId}/tiles/{tileMatrixSetId}"] = Viewer,
        ["GET /ogc/collections/{collectionId}/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}"] = Viewer,
        // Planner mode: reading is for everyone who sees the map; changing is the planner's.
        ["GET /api/planner/projects"] = Viewer,
        ["GET /api/planner/areas"] = Viewer,
        ["GET /api/planner/allocation"] = Viewer,
        ["GET /api/planner/history"] = Viewer,
        ["GET /api/planner/history/people"] = Viewer,
        ["POST /api/planner/areas"] = Planner,
        ["PUT /api/planner/areas/{id:long}"] = Planner,
        ["DELETE /api/planner/areas/{id:long}"] = Planner,
        ["POST /api/planner/allocation"] = Planner,
        ["PUT /api/planner/allocation/{year:int}/{district}"] = Planner,
        ["POST /api/planner/allocation/{year:int}/{district}/lock"] = Planner,
        ["POST /api/planner/allocation/{year:int}/rebalance"] = Planner,
        ["POST /api/planner/history/{id:long}/undo"] = Planner,
        // Alert rules are the officers' (a test reads only, but shows recipients and who is told what).
        ["GET /api/alerts/rules"] = Officer,
        ["POST /api/alerts/rules"] = Officer,
        ["GET /api/alerts/rules/{id:long}/test"] = Officer,
        ["DELETE /api/alerts/rules/{id:long}"] = Officer,
        ["POST /api/imports/firms"] = Officer,
        // Accounts: the list too, since it tells who may do what and who is locked out.
        ["GET /api/users"] = Admin,
        ["POST /api/users"] = Admin,
        ["PUT /api/users/{name}/role"] = Admin,
        ["PUT /api/users/{name}/disabled"] = Admin,
        ["PUT /api/users/{name}/password"] = Admin,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The table's key of an endpoint, or null for one that is not a route of a single method.</summary>
    public static string? KeyOf(Endpoint endpoint) =>
        endpoint is RouteEndpoint { RoutePattern: RoutePattern pattern } route
        && route.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is [var method]
            ? method + " " + pattern.RawText
            : null;

    /// <summary>
    /// Whether the endpoint is in the table and what it needs: (true, null) for anyone, (false, _) when it is missing.
    /// </summary>
    public static (bool Listed, AccountRole? Least) Of(Endpoint endpoint) =>
        KeyOf(endpoint) is { } key && Table.TryGetValue(key, out var least) ? (true, least) : (false, null);
}
