using System.Net.Mail;
using Gis.Core;
using Gis.Core.Admin;
using NetTopologySuite.Geometries;

namespace Gis.Importers.Alerts;

/// <summary>
/// The checks a rule's parts pass before <see cref="AlertRules.AddAsync"/> stores it, for every way a rule comes in
/// (<c>gis alerts add</c>, the workstation): each returns the value to store or throws <see cref="FormatException"/>
/// with one line naming the field (as the caller calls it) and what is wrong, so nothing reaches the table's checks.
/// </summary>
public static class AlertRuleChecks
{
    /// <summary>Largest buffer: 100 km, as the table allows.</summary>
    public const double MaxBufferMeters = 100_000;

    /// <summary>A district's DOPA code (four digits, e.g. 5010), normalised.</summary>
    public static string DistrictCode(string text, string field) => DopaCode.Normalize(text) is { Length: 4 } code ? code
        : throw new FormatException($"{field} {text}: a district code has four digits (e.g. 5010).");

    /// <summary>A polygon or multipolygon drawn in lon, lat order (EPSG:4326), valid and not empty; its SRID set.</summary>
    public static Geometry Polygon(Geometry geometry, string field)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        if (geometry is not (NetTopologySuite.Geometries.Polygon or MultiPolygon) || geometry.IsEmpty || !geometry.IsValid)
            throw new FormatException($"{field}: expected one valid POLYGON or MULTIPOLYGON in lon lat order.");
        if (geometry.Envelope.Coordinates.Any(c => c.X is < -180 or > 180 || c.Y is < -90 or > 90))
            throw new FormatException($"{field}: coordinates outside lon -180..180, lat -90..90 (lon lat order, EPSG:4326).");
        geometry.SRID = Srid.Wgs84;
        return geometry;
    }

    /// <summary>Metres around the area, 0 to <see cref="MaxBufferMeters"/>.</summary>
    public static double BufferMeters(double meters, string field) => meters is >= 0 and <= MaxBufferMeters ? meters
        : throw new FormatException($"{field}: 0 to 100000 metres.");

    /// <summary>The lowest fire radiative power told about: null or 0 MW or more.</summary>
    public static double? MinFrpMw(double? frp, string field) => frp is null or >= 0 ? frp
        : throw new FormatException($"{field}: a power in MW, 0 or more.");

    /// <summary>
    /// Who is told: e-mail addresses (each a valid address), an http(s) webhook, its format (<c>json</c> or <c>line</c>,
    /// the latter with the LINE id to push to). At least one channel. Field names as the caller shows them.
    /// </summary>
    public static AlertRecipients Recipients(IEnumerable<string> emails, string? webhook, string? format, string? lineTo,
        (string Email, string Webhook, string Format, string LineTo) fields)
    {
        var addresses = emails.Select(e => e.Trim()).Where(e => e.Length > 0).ToList();
        foreach (var address in addresses)
        {
            if (!MailAddress.TryCreate(address, out _))
                throw new FormatException($"{fields.Email} {address}: not an e-mail address.");
        }
        var hook = string.IsNullOrWhiteSpace(webhook) ? null
            : Uri.TryCreate(webhook.Trim(), UriKind.Absolute, out var u)
              && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp) ? u
            : throw new FormatException($"{fields.Webhook} {webhook}: expected an http(s) URL.");
        if (addresses.Count == 0 && hook is null)
            throw new FormatException($"Give {fields.Email}, {fields.Webhook} or both: a rule must tell someone.");
        var hookFormat = hook is null ? null : format ?? "json";
        if (hookFormat is not (null or "json" or "line"))
            throw new FormatException($"{fields.Format} {format}: expected json or line.");
        var line = string.IsNullOrWhiteSpace(lineTo) ? null : lineTo.Trim();
        if ((hookFormat == "line") != (line is not null))
            throw new FormatException($"{fields.Format} line and {fields.LineTo} go together.");
        return new AlertRecipients(addresses, hook, hookFormat, line);
    }
}
