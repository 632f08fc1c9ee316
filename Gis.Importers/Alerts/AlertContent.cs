using System.Globalization;
using System.Text;
using Gis.Core.Hotspots;
using Gis.Core.Time;
using Gis.Importers.Store;

namespace Gis.Importers.Alerts;

/// <summary>One detection a message is about (EPSG:4326, lon/lat), with the district it lies in, if any.</summary>
public sealed record AlertDetection(long Id, double Longitude, double Latitude, DateTime AcquiredUtc, Confidence Confidence,
    double? FrpMw, string Satellite, string Instrument, bool IsNrt, string? DistrictCode, string? DistrictName);

/// <summary>Per district, how many of a message's detections lie in it; code and name null for those outside every district.</summary>
public sealed record AlertDistrictCount(string? Code, string? Name, int Count);

/// <summary>
/// What one message says: the rule, its new detections, counted per district, and the text in the rule's language
/// (Thai or English) with the Bangkok time span and the link to the workstation.
/// </summary>
public sealed record AlertContent(AlertRule Rule, IReadOnlyList<AlertDetection> Detections, Uri Link) : AlertMessage(Rule, Link)
{
    /// <inheritdoc/>
    public override string Kind => AlertTriggers.NewDetections;

    /// <summary>The districts the detections lie in, most detections first; those outside every district last.</summary>
    public IReadOnlyList<AlertDistrictCount> Districts => Detections
        .GroupBy(d => (d.DistrictCode, d.DistrictName))
        .Select(g => new AlertDistrictCount(g.Key.DistrictCode, g.Key.DistrictName, g.Count()))
        .OrderBy(d => d.Code is null).ThenByDescending(d => d.Count).ThenBy(d => d.Code, StringComparer.Ordinal)
        .ToList();

    /// <summary>A subject in place of the new-detections one (a digest's), also the map's title; null for that one.</summary>
    public string? Heading { get; init; }

    /// <summary>"จุดความร้อนใหม่ 3 จุด: ชื่อกฎ" / "3 new fire hotspots: rule name".</summary>
    public override string Subject => Heading ?? (Th
        ? $"จุดความร้อนใหม่ {Count(Detections.Count)} จุด: {Rule.Name}"
        : $"{Count(Detections.Count)} new fire {(Detections.Count == 1 ? "hotspot" : "hotspots")}: {Rule.Name}");

    /// <summary>The message body: counts per district, when, which satellites, where to look.</summary>
    public override string Text
    {
        get
        {
            var text = new StringBuilder(Subject).Append('\n');
            foreach (var d in Districts)
            {
                var place = d.Code is null ? Th ? "นอกเขตอำเภอ" : "outside every district"
                    : Th ? $"อำเภอ{d.Name} ({d.Code})" : $"{d.Name} district ({d.Code})";
                text.Append(CultureInfo.InvariantCulture, $"- {place}: {Count(d.Count)}\n");
            }
            var (first, last) = (Detections.Min(d => d.AcquiredUtc), Detections.Max(d => d.AcquiredUtc));
            text.Append(Th ? "ตรวจพบ " : "Detected ").Append(Time(first));
            if (last != first)
                text.Append(" – ").Append(Time(last));
            text.Append(Th ? " (เวลาประเทศไทย)\n" : " (Bangkok time)\n");
            var series = string.Join(", ",
                Detections.Select(d => $"{d.Instrument} {d.Satellite}{(d.IsNrt ? " NRT" : "")}").Distinct().Order(StringComparer.Ordinal));
            text.Append(Th ? "ข้อมูล: NASA FIRMS " : "Source: NASA FIRMS ").Append(series).Append('\n');
            text.Append(Th ? "พื้นที่ของกฎ: " : "Rule area: ").Append(Rule.Area);
            if (Rule.BufferMeters > 0)
                text.Append(CultureInfo.InvariantCulture, $" + {Rule.BufferMeters:0} m");
            text.Append('\n').Append(Th ? "ดูแผนที่ในระบบ: " : "Open the workstation: ").Append(Link).Append('\n');
            return text.ToString();
        }
    }

    /// <summary>The count, per district, the detections, and the map as <c>mapPngBase64</c>.</summary>
    internal override IEnumerable<KeyValuePair<string, object?>> JsonFields(IReadOnlyList<AlertAttachment> attachments) =>
        new Dictionary<string, object?>
        {
            ["count"] = Detections.Count,
            ["districts"] = Districts.Select(d => new { code = d.Code, name = d.Name, count = d.Count }),
            ["detections"] = Detections.Select(d => new
            {
                id = d.Id,
                longitude = d.Longitude,
                latitude = d.Latitude,
                acquiredUtc = d.AcquiredUtc,
                confidence = Confidences.Code(d.Confidence).ToString(),
                frpMw = d.FrpMw,
                satellite = d.Satellite,
                instrument = d.Instrument,
                nrt = d.IsNrt,
                district = d.DistrictCode,
            }),
            ["mapPngBase64"] = attachments.FirstOrDefault(a => a.MediaType == "image/png") is { } map
                ? Convert.ToBase64String(map.Content) : null,
        };

    private static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private string Time(DateTime utc)
    {
        var local = utc + Bangkok.UtcOffset;
        return ThaiCalendar.DaySpan(DateOnly.FromDateTime(local), DateOnly.FromDateTime(local), Th) + " "
            + local.ToString("HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>Reads the detections with the store ids <paramref name="ids"/>, oldest first.</summary>
    internal static async Task<IReadOnlyList<AlertDetection>> DetectionsAsync(GisStore store, IReadOnlyCollection<long> ids, bool th,
        CancellationToken ct)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        await using var command = Sql.Command(connection, null, """
            SELECT h.id, h.longitude, h.latitude, h.acquired_utc, h.confidence, h.frp_mw, h.satellite, h.instrument, h.is_nrt,
                   h.district_code, CASE WHEN $2 THEN d.name_th ELSE d.name_en END
            FROM hotspot h LEFT JOIN admin_area d ON d.code = h.district_code
            WHERE h.id = ANY($1) ORDER BY h.acquired_utc, h.id
            """, ids.ToArray(), th);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var detections = new List<AlertDetection>();
        while (await reader.ReadAsync(ct))
        {
            detections.Add(new AlertDetection(reader.GetInt64(0), reader.GetDouble(1), reader.GetDouble(2),
                reader.GetFieldValue<DateTime>(3), Confidences.TryParseClass(reader.GetString(4)) ?? Confidence.Nominal,
                reader.IsDBNull(5) ? null : reader.GetFloat(5), reader.GetString(6), reader.GetString(7), reader.GetBoolean(8),
                reader.IsDBNull(9) ? null : reader.GetString(9), reader.IsDBNull(10) ? null : reader.GetString(10)));
        }
        return detections;
    }
}
