using Gis.Core.Time;

namespace Gis.Importers.Alerts;

/// <summary>
/// The daily digest: yesterday's detections in the area per district, with the map, or what the store knows of the day
/// when there are none (a day with data and no detection, or no data: never shown as zero).
/// </summary>
/// <param name="Detections">The day's detections, as a new-detections message would show them, titled as the digest.</param>
public sealed record DigestAlert(AlertRule Rule, DigestFigures Figures, string? AreaName, AlertContent Detections, Uri Link)
    : AlertMessage(Rule, Link)
{
    /// <inheritdoc/>
    public override string Kind => AlertTriggers.Digest;

    /// <summary>"สรุปจุดความร้อนประจำวัน 4 มี.ค. 2569: 12 จุด, ..." / "Daily hotspot summary for 4 Mar 2569: 12 detections, ...";
    /// "no data" instead of a count for a day without data.</summary>
    public override string Subject
    {
        get
        {
            var (day, area) = (ThaiCalendar.DaySpan(Figures.Day, Figures.Day, Th), AreaText(Figures.AreaCode, AreaName));
            var count = Figures.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
            return (Figures.Count > 0 || Figures.Covered, Th) switch
            {
                (true, true) => $"สรุปจุดความร้อนประจำวัน {day}: {count} จุด, {area}",
                (true, false) => $"Daily hotspot summary for {day}: {count} detections, {area}",
                (false, true) => $"สรุปจุดความร้อนประจำวัน {day}: ไม่มีข้อมูล, {area}",
                (false, false) => $"Daily hotspot summary for {day}: no data, {area}",
            };
        }
    }

    /// <summary>The digest, its detections titled with its subject (the text and the map's title).</summary>
    internal static DigestAlert Of(AlertRule rule, DigestFigures figures, string? areaName, AlertContent detections, Uri link)
    {
        var digest = new DigestAlert(rule, figures, areaName, detections, link);
        return digest with { Detections = detections with { Heading = digest.Subject } };
    }

    /// <summary>Per district, when and by which satellites; or that the day had none, or had no data.</summary>
    public override string Text
    {
        get
        {
            if (Figures.Count > 0)
                return Detections.Text;
            var day = ThaiCalendar.DaySpan(Figures.Day, Figures.Day, Th);
            var what = (Figures.Covered, Th) switch
            {
                (true, true) => $"ไม่พบจุดความร้อนในวันที่ {day} (มีข้อมูล NASA FIRMS ของวันนั้น)",
                (true, false) => $"No detection on {day}, a day the store has NASA FIRMS data for.",
                (false, true) => $"ไม่มีข้อมูลของวันที่ {day}: ยังไม่ได้นำเข้าข้อมูล ไม่ได้แปลว่าไม่มีไฟ",
                (false, false) => $"No data for {day}: nothing covering it is imported, which is not a day without fire.",
            };
            return $"{Subject}\n{what}\n{LinkLine}";
        }
    }

    /// <summary>The day, whether it has data, and the detections' fields with the map.</summary>
    internal override IEnumerable<KeyValuePair<string, object?>> JsonFields(IReadOnlyList<AlertAttachment> attachments) =>
        new Dictionary<string, object?>
        {
            ["area"] = Figures.AreaCode,
            ["areaName"] = AreaName,
            ["day"] = Figures.Day,
            ["covered"] = Figures.Covered,
        }.Concat(Detections.JsonFields(attachments));
}

/// <summary>A report that fell due: the district report of the area's province as PDF and its tables as XLSX, attached.</summary>
public sealed record ReportAlert(AlertRule Rule, ReportFigures Figures, string? AreaName, Uri Link) : AlertMessage(Rule, Link)
{
    /// <inheritdoc/>
    public override string Kind => AlertTriggers.Report;

    /// <summary>"รายงานจุดความร้อน ฤดูไฟป่า 2569: จังหวัดเชียงใหม่ (50)" / "Hotspot report, fire season 2569: ...".</summary>
    public override string Subject => Th
        ? $"รายงานจุดความร้อน {Figures.ParsedPeriod.Words(true)}: {AreaText(Figures.AreaCode, AreaName)}"
        : $"Hotspot report, {Figures.ParsedPeriod.Words(false)}: {AreaText(Figures.AreaCode, AreaName)}";

    /// <summary>What is attached and as of when.</summary>
    public override string Text
    {
        get
        {
            var due = ThaiCalendar.DaySpan(Figures.Due, Figures.Due, Th);
            return Subject + "\n" + (Th
                ? $"แนบรายงานรายอำเภอ (PDF) และตารางตัวเลข (XLSX) ของจังหวัด ณ วันที่ {due} ตามที่ 'gis report' จัดทำ\n"
                : $"Attached: the district report (PDF) and its tables (XLSX) of the province as of {due}, as 'gis report' makes them.\n")
                + LinkLine;
        }
    }

    /// <summary>The period and the files, base64, under their names.</summary>
    internal override IEnumerable<KeyValuePair<string, object?>> JsonFields(IReadOnlyList<AlertAttachment> attachments) =>
        new Dictionary<string, object?>
        {
            ["area"] = Figures.AreaCode,
            ["areaName"] = AreaName,
            ["period"] = Figures.Period,
            ["due"] = Figures.Due,
            ["files"] = attachments.Select(a => new
            {
                name = a.FileName,
                mediaType = a.MediaType,
                base64 = Convert.ToBase64String(a.Content),
            }),
        };
}
