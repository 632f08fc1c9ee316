using System.Globalization;
using Gis.Cli.Tests.Support;
using Gis.TestSupport;

namespace Gis.Cli.Tests.Alerts;

/// <summary>
/// The local receivers an alert test delivers to, and the environment that points the command at them: the SMTP
/// receiver with STARTTLS (its certificate pinned) and an account, the webhook token, and a <c>GIS_HOME</c> without a
/// config file, so this machine's settings play no part.
/// </summary>
internal sealed class AlertEnvironment : IDisposable
{
    public const string Token = "hook-token-5f1c";
    public const string Password = "smtp-secret-93a7";

    private readonly EnvironmentScope _scope;

    public AlertEnvironment()
    {
        Variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["GIS_HOME"] = Path.Combine(Path.GetTempPath(), $"gis-home-alerts-{Guid.NewGuid():N}"),
            ["GIS_SMTP_HOST"] = "127.0.0.1",
            ["GIS_SMTP_PORT"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["GIS_SMTP_USER"] = "alerts",
            ["GIS_SMTP_PASSWORD"] = Password,
            ["GIS_SMTP_TLS_SHA256"] = Smtp.CertificateSha256,
            ["GIS_SMTP_FROM"] = "gis@office.example",
            ["GIS_WEBHOOK_TOKEN"] = Token,
            ["GIS_WORKSTATION_URL"] = "http://127.0.0.1:8750/",
        };
        _scope = new EnvironmentScope([.. Variables.Select(v => (v.Key, (string?)v.Value))]);
    }

    public SmtpReceiver Smtp { get; } = new("alerts", Password);

    public WebhookReceiver Webhook { get; } = new();

    /// <summary>The variables set, for a command run as a process of its own.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; }

    public void Dispose()
    {
        _scope.Dispose();
        Smtp.Dispose();
        Webhook.Dispose();
    }
}
