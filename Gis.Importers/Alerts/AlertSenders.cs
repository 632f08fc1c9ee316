using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Gis.Importers.Alerts;

/// <summary>The two ways a message leaves: e-mail over SMTP (MailKit) and a webhook POST (JSON or a LINE push body).</summary>
internal static class AlertSenders
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Sends one e-mail to the rule's addresses with <paramref name="attachments"/> (the map as <c>hotspots.png</c>, a
    /// report). Its Message-ID names the outbox row, so a receiver that gets it twice (a crash between its acceptance and
    /// the commit) can tell.
    /// </summary>
    public static async Task SendEmailAsync(AlertSettings settings, long outboxId, AlertMessage content,
        IReadOnlyList<AlertAttachment> attachments, CancellationToken ct)
    {
        var host = settings.SmtpHost ?? throw new InvalidOperationException(
            "no SMTP server configured (GIS_SMTP_HOST or smtp_host in $GIS_HOME/config.json)");
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.SmtpFrom));
        foreach (var address in content.Rule.Recipients.Emails)
            message.To.Add(MailboxAddress.Parse(address));
        message.Subject = content.Subject;
        message.MessageId = $"alert-{outboxId.ToString(System.Globalization.CultureInfo.InvariantCulture)}@gis";
        var body = new BodyBuilder { TextBody = content.Text };
        foreach (var file in attachments)
            body.Attachments.Add(file.FileName, file.Content, ContentType.Parse(file.MediaType));
        message.Body = body.ToMessageBody();

        using var client = new SmtpClient { Timeout = 60_000 };
        if (settings.SmtpTlsSha256 is { } pin)
        {
            client.ServerCertificateValidationCallback = (_, certificate, _, errors) => errors == SslPolicyErrors.None
                || string.Equals(certificate?.GetCertHashString(HashAlgorithmName.SHA256), pin, StringComparison.OrdinalIgnoreCase);
        }
        var security = settings.SmtpSecurity switch
        {
            "tls" => SecureSocketOptions.SslOnConnect,
            "none" => SecureSocketOptions.None,
            _ => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(host, settings.SmtpPort, security, ct);
        if (settings.SmtpUser is { } user)
            await client.AuthenticateAsync(user, settings.SmtpPassword ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }

    /// <summary>
    /// Posts the message to the rule's webhook: as JSON (figures, detections, files such as the map as base64, the outbox
    /// id as <c>id</c> for receivers to drop a repeat) or as a LINE Messaging API push body (a text message; LINE takes
    /// images only from a public HTTPS address, which a workstation on a desk does not have). Any status but 2xx is a
    /// failure.
    /// </summary>
    public static async Task PostWebhookAsync(HttpClient http, AlertSettings settings, long outboxId, AlertMessage content,
        IReadOnlyList<AlertAttachment> attachments, CancellationToken ct)
    {
        var recipients = content.Rule.Recipients;
        object body;
        if (recipients.WebhookFormat == "line")
        {
            body = new { to = recipients.LineTo, messages = new[] { new { type = "text", text = LineText(content.Text) } } };
        }
        else
        {
            var json = new Dictionary<string, object?>
            {
                ["id"] = outboxId,
                ["rule"] = content.Rule.Name,
                ["language"] = content.Rule.Language,
                ["kind"] = content.Kind,
                ["subject"] = content.Subject,
                ["text"] = content.Text,
            };
            foreach (var (key, value) in content.JsonFields(attachments))
                json[key] = value;
            json["link"] = content.Link;
            body = json;
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, recipients.Webhook)
        {
            Content = new StringContent(JsonSerializer.Serialize(body, Json), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Gis-Alert-Id", outboxId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (settings.WebhookToken is { } token)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            // The address is named by its host only: a webhook URL may carry its token in the path or query.
            throw new HttpRequestException($"webhook {recipients.Webhook!.Host} answered HTTP {(int)response.StatusCode}");
        }
    }

    // A LINE text message holds at most 5,000 characters.
    private static string LineText(string text) => text.Length <= 5000 ? text : text[..4999] + "…";
}
