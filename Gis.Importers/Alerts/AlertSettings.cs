using System.Globalization;
using Gis.Importers.Store;

namespace Gis.Importers.Alerts;

/// <summary>
/// How messages leave: the SMTP server and its account, the webhook token, the workstation address the messages link
/// to. Each from the environment (<c>GIS_SMTP_HOST</c>...) or else <c>$GIS_HOME/config.json</c> (<c>smtp_host</c>...,
/// mode 600). Secrets are never printed: this type has no text form that holds them.
/// </summary>
public sealed class AlertSettings
{
    /// <summary>SMTP server name; null: e-mail cannot be sent (messages wait in the outbox).</summary>
    public string? SmtpHost { get; init; }

    /// <summary>SMTP port; 587 (submission) unless set.</summary>
    public int SmtpPort { get; init; } = 587;

    /// <summary>
    /// <c>starttls</c> (default: required), <c>tls</c> (implicit, port 465) or <c>none</c> (a relay on the same machine).
    /// </summary>
    public string SmtpSecurity { get; init; } = "starttls";

    /// <summary>SMTP account; no authentication when null.</summary>
    public string? SmtpUser { get; init; }

    /// <summary>SMTP password (secret).</summary>
    public string? SmtpPassword { get; init; }

    /// <summary>
    /// SHA-256 fingerprint (hex) of the SMTP server's certificate, accepted although no authority vouches for it: an
    /// office relay with a self-signed certificate. Any other certificate must be valid as usual.
    /// </summary>
    public string? SmtpTlsSha256 { get; init; }

    /// <summary>The sender address of alert e-mail.</summary>
    public string SmtpFrom { get; init; } = "gis-alerts@localhost";

    /// <summary>Bearer token sent with webhook posts (a LINE channel access token); secret.</summary>
    public string? WebhookToken { get; init; }

    /// <summary>The workstation the messages link to.</summary>
    public Uri WorkstationUrl { get; init; } = new("http://127.0.0.1:8750/");

    /// <summary>
    /// Reads the settings from the environment, else the config file. Throws <see cref="FormatException"/> for a config
    /// file others may read, or a port or address that is not one.
    /// </summary>
    public static AlertSettings Load(string? configPath = null)
    {
        string? Get(string name) => Environment.GetEnvironmentVariable("GIS_" + name.ToUpperInvariant()) is { Length: > 0 } env
            ? env.Trim() : ConfigFile.Value(name, configPath);
        var port = Get("smtp_port");
        var security = Get("smtp_security") ?? "starttls";
        if (security is not ("starttls" or "tls" or "none"))
            throw new FormatException($"smtp_security {security}: expected starttls, tls or none.");
        var link = Get("workstation_url");
        return new AlertSettings
        {
            SmtpHost = Get("smtp_host"),
            SmtpPort = port is null ? security == "tls" ? 465 : 587
                : int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536 ? p
                : throw new FormatException($"smtp_port {port}: expected a port number."),
            SmtpSecurity = security,
            SmtpUser = Get("smtp_user"),
            SmtpPassword = Get("smtp_password"),
            SmtpTlsSha256 = Get("smtp_tls_sha256")?.Replace(":", "", StringComparison.Ordinal),
            SmtpFrom = Get("smtp_from") ?? "gis-alerts@localhost",
            WebhookToken = Get("webhook_token"),
            WorkstationUrl = link is null ? new Uri("http://127.0.0.1:8750/")
                : Uri.TryCreate(link, UriKind.Absolute, out var u) ? u
                : throw new FormatException($"workstation_url {link}: expected a URL."),
        };
    }
}
