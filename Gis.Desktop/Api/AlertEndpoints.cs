using System.Text.Json;
using System.Text.Json.Nodes;
using Gis.Core.Hotspots;
using Gis.Importers.Alerts;
using Gis.Rendering.Alerts;
using Gis.Rendering.Maps;

namespace Gis.Desktop.Api;

/// <summary>
/// Alert rules for officers (ADR 0041): list, add (a province, district, project area or polygon drawn on the map, a
/// buffer, thresholds, recipients), test (what the rule would send now, with its map; writes nothing) and remove,
/// through the same <c>Gis.Importers/Alerts</c> code and checks as <c>gis alerts</c>. The role table
/// (<see cref="AccountAccess"/>) keeps viewers out; a refused check is 400 naming the field, a taken name or an area
/// not in the store 409, an unknown rule 404.
/// </summary>
internal static class AlertEndpoints
{
    // Field names as the page sends them, for the one-line messages of AlertRuleChecks.
    private static readonly (string, string, string, string) Fields = ("emails", "webhook", "webhook_format", "line_to");

    public static void Map(IEndpointRouteBuilder app)
    {
        var alerts = app.MapGroup("/api/alerts");
        alerts.MapGet("/rules", async (GisStore store, CancellationToken ct) =>
        {
            var counts = await new AlertOutbox(store).CountsAsync(ct);
            return (await new AlertRules(store).ListAsync(ct)).Select(r => RuleJson.Of(r, counts.GetValueOrDefault(r.Id)));
        });
        alerts.MapPost("/rules", async (GisStore store, DesktopOptions options, RuleBody body, CancellationToken ct) =>
        {
            var added = await new AlertRules(store).AddAsync(body.ToRule(options.ProvinceCode), ct);
            return Results.Json(RuleJson.Of(added, default), statusCode: StatusCodes.Status201Created);
        });
        // By id, not by name: a name may hold a '/', which a route cannot carry.
        alerts.MapGet("/rules/{id:long}/test", async (GisStore store, long id, bool? map, CancellationToken ct) =>
        {
            if (await FindAsync(store, id, ct) is not { } rule)
                return NotFound(id);
            var ids = await AlertTrigger.PreviewAsync(store, rule, DateTimeOffset.UtcNow, ct);
            if (ids.Count == 0)
                return Results.Json(new TestJson(rule.Name, 0, null, null, [], null));
            using var http = new HttpClient();
            var content = await new AlertDelivery(store, AlertSettings.Load(), http).ComposeAsync(rule, ids, ct);
            byte[]? png = null;
            if (map == true)
            {
                using var fonts = FontLocator.Locate();
                png = await AlertMap.PngAsync(store, content, fonts, ct);
            }
            return Results.Json(new TestJson(rule.Name, content.Detections.Count, content.Subject, content.Text,
                content.Districts.Select(d => new DistrictJson(d.Code, d.Name, d.Count)).ToList(),
                png is null ? null : Convert.ToBase64String(png)));
        });
        // The rule's undelivered messages are held, not dropped (ADR 0040): the answer says how many, and the page says
        // how to bring them back.
        alerts.MapDelete("/rules/{id:long}", async (GisStore store, long id, CancellationToken ct) =>
            await FindAsync(store, id, ct) is { } rule && await new AlertRules(store).RemoveAsync(rule.Name, ct) is { } held
                ? Results.Json(new RemovedJson(rule.Name, held)) : NotFound(id));
    }

    private static async Task<AlertRule?> FindAsync(GisStore store, long id, CancellationToken ct) =>
        (await new AlertRules(store).ListAsync(ct)).FirstOrDefault(r => r.Id == id);

    private static IResult NotFound(long id) => Results.Json(
        new ApiErrors.ErrorBody($"No alert rule {id.ToString(System.Globalization.CultureInfo.InvariantCulture)} (removed meanwhile?)."),
        statusCode: StatusCodes.Status404NotFound);

    /// <summary>
    /// A new rule as the page sends it: exactly one area (<c>province</c> or <c>district</c>: its code;
    /// <c>project_area_id</c>; <c>polygon</c>: a GeoJSON geometry in lon, lat), the rest as
    /// <c>gis alerts add</c> takes it.
    /// </summary>
    internal sealed record RuleBody(string? Name, string? Province, string? District, long? ProjectAreaId, JsonElement? Polygon,
        double? BufferM, string? MinConfidence, double? MinFrpMw, double? MaxAgeHours, string[]? Emails, string? Webhook,
        string? WebhookFormat, string? LineTo, string? Language, bool? Enabled)
    {
        public AlertRule ToRule(string provinceCode)
        {
            if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > 100)
                throw new ApiInputException("name: give the rule a name (at most 100 characters).");
            var given = new object?[] { Province, District, ProjectAreaId, Polygon is { ValueKind: JsonValueKind.Object } ? Polygon : null }
                .Count(v => v is not null);
            if (given != 1)
                throw new ApiInputException("Give exactly one area: province, district, project_area_id or polygon.");
            var area = Province is { } p ? new AlertArea(p.Length == 2 && p.All(char.IsAsciiDigit) ? p
                    : throw new ApiInputException($"province {p}: a two-digit code (this workstation's is {provinceCode})."))
                : District is { } d ? new AlertArea(AlertRuleChecks.DistrictCode(d, "district"))
                : ProjectAreaId is { } id ? new AlertArea(ProjectAreaId: id)
                : new AlertArea(Drawn: AlertRuleChecks.Polygon(PlannerEndpoints.ReadGeometry(Polygon)!, "polygon"));
            var confidence = MinConfidence is null or "" ? (Confidence?)null
                : Confidences.TryParseClass(MinConfidence) is { } c && MinConfidence.Length == 1 ? c
                : throw new ApiInputException($"min_confidence {MinConfidence}: l, n or h.");
            if (MaxAgeHours is <= 0 or > 24 * 400)
                throw new ApiInputException("max_age_hours: more than 0, at most 9600 (400 days).");
            if (Language is not (null or "th" or "en"))
                throw new ApiInputException($"language {Language}: th or en.");
            return new AlertRule(Name.Trim(), area,
                AlertRuleChecks.Recipients(Emails ?? [], Webhook, WebhookFormat, LineTo, Fields),
                AlertRuleChecks.BufferMeters(BufferM ?? 0, "buffer_m"), confidence, AlertRuleChecks.MinFrpMw(MinFrpMw, "min_frp_mw"),
                MaxAgeHours is { } hours ? TimeSpan.FromHours(hours) : null, Language ?? "th", Enabled ?? true);
        }
    }

    /// <summary>A stored rule for the page: the webhook by its host only (its URL may carry a token).</summary>
    internal sealed record RuleJson(long Id, string Name, string Area, string? AreaCode, long? ProjectAreaId, JsonNode? Polygon,
        double BufferM, string? MinConfidence, double? MinFrpMw, double MaxAgeHours, IReadOnlyList<string> Emails, string? Webhook,
        string? WebhookFormat, string Language, bool Enabled, int Waiting, int Delivered)
    {
        public static RuleJson Of(AlertRule r, AlertOutboxCounts counts) => new(r.Id, r.Name, r.Area.ToString(), r.Area.Code,
            r.Area.ProjectAreaId, r.Area.Drawn is { } g ? JsonNode.Parse(PlannerEndpoints.GeometryJson(g)) : null, r.BufferMeters,
            r.MinConfidence is { } c ? Confidences.Code(c).ToString() : null, r.MinFrpMw, (r.MaxAge ?? AlertRule.DefaultMaxAge).TotalHours,
            r.Recipients.Emails, r.Recipients.Webhook?.Host, r.Recipients.WebhookFormat, r.Language, r.Enabled, counts.Waiting,
            counts.Delivered);
    }

    /// <summary>What a rule would send now: the count, subject and text in its language, per district, the map (base64 PNG).</summary>
    internal sealed record TestJson(string Rule, int Count, string? Subject, string? Text, IReadOnlyList<DistrictJson> Districts,
        string? MapPngBase64);

    internal sealed record DistrictJson(string? Code, string? Name, int Count);

    /// <summary>A removed rule and how many of its undelivered messages are held until it is restored.</summary>
    internal sealed record RemovedJson(string Rule, int Held);
}
