using System.Text.Json;
using System.Text.Json.Nodes;
using Gis.Core.Plans;
using Gis.Importers.Planning;
using Gis.Importers.Queries.Layers;
using Gis.Importers.Queries.Projects;
using Gis.Importers.Targets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Gis.Desktop.Api;

internal static partial class DesktopApi
{
    static partial void MapPlanner(IEndpointRouteBuilder app) => PlannerEndpoints.Map(app);
}

/// <summary>
/// Planner mode (ADR 0010): project areas (list, create, update, delete), the allocation table (get, create, set,
/// lock, re-balance) and the audit history (list, undo). Mutations pass the anti-forgery check of
/// <see cref="DesktopSecurity"/> like every other request; a refusal answers <c>{ "error": "..." }</c> with 400
/// (bad input), 404 (not stored) or 409 (a later change or an import is in the way), and nothing is written. Every
/// update, delete and allocation edit names the version it was based on (<c>version</c>); a stale one is a 409 whose
/// body also holds <c>conflict</c>: the changes since, by whom, when, and their fields before and after (ADR 0035).
/// </summary>
internal static class PlannerEndpoints
{
    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    public static void Map(IEndpointRouteBuilder app)
    {
        var planner = app.MapGroup("/api/planner").AddEndpointFilter(async (context, next) =>
        {
            try
            {
                SignedIn.Value = DesktopUser.Of(context.HttpContext).Name;
                return await next(context);
            }
            catch (PlannerException e)
            {
                var status = e.Refusal switch
                {
                    PlannerRefusal.NotFound => StatusCodes.Status404NotFound,
                    PlannerRefusal.Conflict => StatusCodes.Status409Conflict,
                    _ => StatusCodes.Status400BadRequest,
                };
                return e.Conflict is { } conflict
                    ? Results.Json(new ConflictBody(e.Message, conflict), statusCode: status)
                    : Results.Json(new ApiErrors.ErrorBody(e.Message), statusCode: status);
            }
        });

        planner.MapGet("/projects", async (GisStore store, CancellationToken ct) =>
            (await new ProjectQueries(store).ListAsync(null, ct))
                .Where(p => p.Project.TargetKind != TargetKind.Other)
                .Select(p => new PlannerProjectJson(p.Project.Code, p.Project.NameTh, p.Project.Agency, p.Project.FiscalYear,
                    TargetKinds.ToText(p.Project.TargetKind))));

        planner.MapGet("/areas", async (GisStore store, DesktopOptions options, int? year, CancellationToken ct) =>
            LayerEndpoints.FeatureCollection([.. (await Areas(store, options).ListAsync(year,
                ct)).Select(a => new GeoJsonFeature(Properties(a), GeometryJson(a.Area)))]));
        planner.MapPost("/areas", async (GisStore store, DesktopOptions options, AreaBody body, CancellationToken ct) =>
        {
            var edit = await Areas(store, options).CreateAsync(body.ToInput(), User(body.User), ct);
            return Results.Json(Edit(edit), statusCode: StatusCodes.Status201Created);
        });
        planner.MapPut("/areas/{id:long}", async (GisStore store, DesktopOptions options, long id, AreaBody body, CancellationToken ct) =>
            Results.Json(Edit(await Areas(store, options).UpdateAsync(id, body.ToInput(), User(body.User), Version(body.Version), ct))));
        planner.MapDelete("/areas/{id:long}",
            async (GisStore store, DesktopOptions options, long id, string? user, long? version, CancellationToken ct) =>
            Results.Json(Edit(await Areas(store, options).DeleteAsync(id, User(user), Version(version), ct))));

        planner.MapGet("/allocation", async (GisStore store, DesktopOptions options, int year, CancellationToken ct) =>
            await new AllocationEditor(store, options.ProvinceCode).GetAsync(year, ct));
        planner.MapPost("/allocation", async (GisStore store, DesktopOptions options, AllocationBody body, CancellationToken ct) =>
            Changed(await new AllocationEditor(store, options.ProvinceCode).CreateAsync(body.Year, body.TargetRai ?? 1000,
                Weight(body.Weight), User(body.User), ct)));
        planner.MapPut("/allocation/{year:int}/{district}",
            async (GisStore store, DesktopOptions options, int year, string district, AllocationBody body, CancellationToken ct) =>
            Changed(await new AllocationEditor(store, options.ProvinceCode).SetAsync(year, district,
                body.AllocationRai ?? throw new ApiInputException("allocation_rai is required"), User(body.User), Version(body.Version),
                ct)));
        planner.MapPost("/allocation/{year:int}/{district}/lock",
            async (GisStore store, DesktopOptions options, int year, string district, AllocationBody body, CancellationToken ct) =>
            Changed(await new AllocationEditor(store, options.ProvinceCode).LockAsync(year, district,
                body.Locked ?? throw new ApiInputException("locked (true or false) is required"), User(body.User), Version(body.Version),
                ct)));
        planner.MapPost("/allocation/{year:int}/rebalance",
            async (GisStore store, DesktopOptions options, int year, AllocationBody body, CancellationToken ct) =>
            Changed(await new AllocationEditor(store, options.ProvinceCode).RebalanceAsync(year, body.TargetRai, User(body.User),
                Version(body.Version), ct)));

        // The states go out as JSON objects (not strings holding JSON), so a client reads them directly.
        // Filtered on the server: person, project, district, Bangkok days from..to (inclusive, yyyy-MM-dd).
        planner.MapGet("/history", async (GisStore store, int? limit, string? person, string? project, string? district, string? from,
            string? to, CancellationToken ct) =>
            (await new PlannerHistory(store).ListAsync(new PlannerHistoryFilter(person, project, district, Day("from", from),
                Day("to", to)), Math.Clamp(limit ?? 200, 1, 1000), ct)).Select(PlannerChangeJson.Of));
        planner.MapGet("/history/people", async (GisStore store, CancellationToken ct) => await new PlannerHistory(store).PeopleAsync(ct));
        planner.MapPost("/history/{id:long}/undo", async (GisStore store, long id, UserBody body, CancellationToken ct) =>
            Changed(await new PlannerHistory(store).UndoAsync(id, User(body.User), ct)));
    }

    /// <summary>A project area as the page sends it: a GeoJSON geometry (WGS 84) and the form's fields.</summary>
    internal sealed record AreaBody(JsonElement? Geometry, int Year, string? Name, string? ProjectCode, NewProjectBody? NewProject,
        string? Kind, string? User, long? Version = null)
    {
        public PlanAreaInput ToInput()
        {
            TargetKind? kind = Kind is null ? null
                : TargetKinds.TryParse(Kind, out var k) ? k : throw new ApiInputException($"kind '{Kind}' is not green or hotspot");
            return new PlanAreaInput(ReadGeometry(Geometry), Year, Name, string.IsNullOrWhiteSpace(ProjectCode) ? null : ProjectCode,
                NewProject is { } p ? new NewPlanProject(string.IsNullOrWhiteSpace(p.Code) ? null : p.Code, p.Name, p.Agency, p.NameEn)
                    : null, kind);
        }
    }

    internal sealed record NewProjectBody(string? Code, string? Name, string? Agency, string? NameEn);

    /// <summary>Fields of the allocation requests; each endpoint reads those it needs.</summary>
    internal sealed record AllocationBody(int Year, int? TargetRai, string? Weight, int? AllocationRai, bool? Locked, string? User,
        long? Version = null);

    /// <summary>A 409 of a stale save: the message and what changed since (ADR 0035).</summary>
    internal sealed record ConflictBody(string Error, PlannerConflict Conflict);

    internal sealed record UserBody(string? User);

    /// <summary>A project a planner area can belong to: its Thai name as <c>name</c>, its target kind as text (green, hotspot).</summary>
    internal sealed record PlannerProjectJson(string Code, string Name, string Agency, int FiscalYear, string Kind);

    /// <summary>An audit entry with the states before and after as JSON (null: absent), not as strings holding JSON.</summary>
    internal sealed record PlannerChangeJson(long Id, DateTimeOffset ChangedAt, string ChangedBy, string Entity, string EntityId,
        string Action, string Summary, string? SummaryTh, JsonNode? Before, JsonNode? After, long? Undoes, long? UndoneBy, bool CanUndo,
            string? UndoBlockedBy)
    {
        public static PlannerChangeJson Of(PlannerChange c) => new(c.Id, c.ChangedAt, c.ChangedBy, c.Entity, c.EntityId, c.Action,
            c.Summary, c.SummaryTh, JsonNode.Parse(c.Before), JsonNode.Parse(c.After), c.Undoes, c.UndoneBy, c.CanUndo, c.UndoBlockedBy);
    }

    private static ProjectAreaEditor Areas(GisStore store, DesktopOptions options) => new(store, options.ProvinceCode);

    // The signed-in account is who acted, whatever the page sends (ADR 0034). Without accounts the workstation is a
    // personal tool on the officer's own machine: without a name from the page, the OS user is who acted.
    private static readonly AsyncLocal<string?> SignedIn = new();

    private static string User(string? given) =>
        SignedIn.Value ?? (string.IsNullOrWhiteSpace(given) ? Environment.UserName : given);

    // A save without the version it was based on could overwrite what it never saw: the page always sends it.
    private static long Version(long? version) =>
        version ?? throw new ApiInputException("version is required: the version of what you edited, as the planner's GET gave it");

    private static DateOnly? Day(string name, string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var day) ? day
        : throw new ApiInputException($"{name} '{text}' is not a date (yyyy-MM-dd)");

    private static AllocationWeight Weight(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        null or "AREA" => AllocationWeight.Area,
        "RESTORABLE" => AllocationWeight.Restorable,
        "HOTSPOTS" => AllocationWeight.Hotspots,
        _ => throw new ApiInputException($"weight '{text}' is not area, restorable or hotspots"),
    };

    internal static Geometry? ReadGeometry(JsonElement? element)
    {
        if (element is not { ValueKind: JsonValueKind.Object } json)
            return null;
        try
        {
            return json.Deserialize<Geometry>(GeoJson);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or NotSupportedException
                                       or IndexOutOfRangeException)
        {
            throw new ApiInputException("geometry is not a GeoJSON geometry: " + e.Message);
        }
    }

    internal static string GeometryJson(Geometry geometry) => JsonSerializer.Serialize(geometry, GeoJson);

    private static Dictionary<string, object?> Properties(PlannedArea a) => new()
    {
        ["id"] = a.Id,
        ["project_code"] = a.ProjectCode,
        ["project_name"] = a.ProjectName,
        ["agency"] = a.Agency,
        ["kind"] = TargetKinds.ToText(a.Kind),
        ["year"] = a.Year,
        ["name"] = a.Name,
        ["area_rai"] = a.AreaRai,
        ["source"] = a.Source,
        ["districts"] = a.DistrictCodes,
        ["version"] = a.Version,
    };

    private static JsonObject Edit(PlannerEdit edit) => new()
    {
        ["change_id"] = edit.ChangeId,
        ["area"] = edit.Area is { } a
            ? new JsonObject
            {
                ["type"] = "Feature",
                ["properties"] = JsonSerializer.SerializeToNode(Properties(a)),
                ["geometry"] = JsonNode.Parse(GeometryJson(a.Area)),
            }
            : null,
    };

    private static IResult Changed(long changeId) => Results.Json(new { change_id = changeId });
}
