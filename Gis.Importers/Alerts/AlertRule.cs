using Gis.Core.Hotspots;
using NetTopologySuite.Geometries;

namespace Gis.Importers.Alerts;

/// <summary>
/// Where a rule looks: a province or district (DOPA code), a stored project area, or a polygon drawn by hand
/// (EPSG:4326, lon/lat), exactly one of them.
/// </summary>
public sealed record AlertArea(string? Code = null, long? ProjectAreaId = null, Geometry? Drawn = null)
{
    /// <summary>"district 5001", "province 50", "project area 12", "drawn polygon".</summary>
    public override string ToString() => Code is { Length: 2 } ? "province " + Code
        : Code is not null ? "district " + Code
        : ProjectAreaId is { } id ? "project area " + id.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : "drawn polygon";
}

/// <summary>Where a rule's messages go: e-mail addresses and/or one webhook.</summary>
/// <param name="WebhookFormat"><c>json</c> (the message as JSON, the map as base64 PNG) or <c>line</c> (a LINE Messaging
/// API push body to <paramref name="LineTo"/>).</param>
public sealed record AlertRecipients(IReadOnlyList<string> Emails, Uri? Webhook = null, string? WebhookFormat = null,
    string? LineTo = null);

/// <summary>
/// A stored alert rule: tell <see cref="Recipients"/> about detections new to the store in <see cref="Area"/> (within
/// <see cref="BufferMeters"/> of it, on the ellipsoid), at least <see cref="MinConfidence"/> and <see cref="MinFrpMw"/>
/// when set, acquired at most <see cref="MaxAge"/> before their import; or, with another <see cref="Trigger"/>, about the
/// season of a province or district (<see cref="Season"/>) or on a schedule (<see cref="Schedule"/>, ADR 0040).
/// </summary>
public sealed record AlertRule(
    string Name,
    AlertArea Area,
    AlertRecipients Recipients,
    double BufferMeters = 0,
    Confidence? MinConfidence = null,
    double? MinFrpMw = null,
    TimeSpan? MaxAge = null,
    string Language = "th",
    bool Enabled = true)
{
    /// <summary>The store's id; 0 before it is stored.</summary>
    public long Id { get; init; }

    /// <summary>What makes the rule speak: one of <see cref="AlertTriggers"/>; new detections unless set.</summary>
    public string Trigger { get; init; } = AlertTriggers.NewDetections;

    /// <summary>The season a season trigger looks at (above-baseline, cap-run-rate); null for the others.</summary>
    public SeasonCheck? Season { get; init; }

    /// <summary>When a digest or report is due; null for the other triggers.</summary>
    public AlertSchedule? Schedule { get; init; }

    /// <summary>The age past which a detection is history, not news: two days unless the rule says otherwise.</summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromDays(2);

    /// <summary>The channels a message of this rule goes out on: <c>email</c>, <c>webhook</c>.</summary>
    public IEnumerable<string> Channels =>
        (Recipients.Emails.Count > 0 ? ["email"] : Array.Empty<string>()).Concat(Recipients.Webhook is null ? [] : ["webhook"]);
}
