namespace Gis.Importers.Alerts;

/// <summary>A file a message carries: the map, a report.</summary>
public sealed record AlertAttachment(string FileName, string MediaType, byte[] Content);

/// <summary>
/// A message as it leaves, whatever its trigger: subject and text in the rule's language, the link to the workstation, and
/// the fields its JSON webhook body has besides <c>id</c>, <c>rule</c>, <c>language</c>, <c>kind</c>, <c>subject</c>,
/// <c>text</c> and <c>link</c>.
/// </summary>
public abstract record AlertMessage(AlertRule Rule, Uri Link)
{
    /// <summary>Thai unless the rule says English.</summary>
    protected bool Th => Rule.Language == "th";

    /// <summary>The trigger the message is of (<see cref="AlertTriggers"/>).</summary>
    public abstract string Kind { get; }

    /// <summary>The subject line (e-mail subject, first line of the text).</summary>
    public abstract string Subject { get; }

    /// <summary>The body text.</summary>
    public abstract string Text { get; }

    /// <summary>"อำเภอแม่แจ่ม (5004)", "Mae Chaem district (5004)", "จังหวัดเชียงใหม่ (50)", "Chiang Mai province (50)".</summary>
    /// <param name="name">The name in the rule's language; the code stands for it when null.</param>
    protected string AreaText(string code, string? name)
    {
        ArgumentNullException.ThrowIfNull(code);
        var province = code.Length == 2;
        return Th ? $"{(province ? "จังหวัด" : "อำเภอ")}{name ?? code} ({code})"
            : $"{name ?? code} {(province ? "province" : "district")} ({code})";
    }

    /// <summary>The line that ends every message: where to look.</summary>
    protected string LinkLine => (Th ? "ดูแผนที่ในระบบ: " : "Open the workstation: ") + Link + "\n";

    /// <summary>The JSON webhook's own fields of this kind of message; files as base64 under names the kind chooses.</summary>
    internal abstract IEnumerable<KeyValuePair<string, object?>> JsonFields(IReadOnlyList<AlertAttachment> attachments);
}
