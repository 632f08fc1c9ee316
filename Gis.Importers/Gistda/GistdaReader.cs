using System.Globalization;
using System.Text;
using Gis.Core.Hotspots;
using Gis.Core.Spatial;
using Gis.Core.Text;
using Gis.Core.Time;
using Gis.Importers.Features;
using Gis.Importers.Firms;
using NetTopologySuite.Geometries;

namespace Gis.Importers.Gistda;

/// <summary>One record of a GISTDA export: a hotspot, or why it could not be read.</summary>
/// <param name="Number">1-based line (CSV, the header is line 1) or feature number (GeoJSON, Shapefile).</param>
public readonly record struct GistdaRow(int Number, GistdaHotspot? Hotspot, FirmsRejection? Rejection);

/// <summary>
/// Reads GISTDA hotspot exports: CSV (UTF-8 or TIS-620, detected), GeoJSON (the hotspot API's feature collections)
/// and Shapefile, into <see cref="GistdaHotspot"/> records. Fields are found by name, case-insensitively, under
/// GISTDA's upper-case names (<c>LATITUDE</c>, <c>ACQ_DATE</c>, <c>PV_TN</c>, <c>LU_NAME</c>, ...), their lower-case
/// API spelling, or the Thai column headers of spreadsheet exports (<c>ละติจูด</c>, <c>จังหวัด</c>, ...); see
/// docs/gistda-format.md.
/// </summary>
/// <remarks>
/// A file without coordinates or dates is refused whole (<see cref="FeatureFormatException"/>); a bad record comes back
/// as a rejection naming its line or feature and the reason, and the rest is read. Dates may be CE or Buddhist Era
/// (a year of 2400 or more), ISO (<c>2026-03-15</c>) or Thai day-first (<c>15/03/2569</c>).
/// </remarks>
public static class GistdaReader
{
    private enum Field
    {
        Latitude, Longitude, AcqDate, AcqTime, ThDate, ThTime, Satellite, Confidence, Frp, DayNight, Version,
        LandUse, Province, District, Subdistrict, HotspotId,
    }

    private static readonly Dictionary<Field, string[]> Names = new()
    {
        [Field.Latitude] = ["LATITUDE", "LAT", "ละติจูด"],
        [Field.Longitude] = ["LONGITUDE", "LON", "LONG", "ลองจิจูด"],
        [Field.AcqDate] = ["ACQ_DATE"],
        [Field.AcqTime] = ["ACQ_TIME"],
        [Field.ThDate] = ["TH_DATE", "วันที่"],
        [Field.ThTime] = ["TH_TIME", "เวลา"],
        [Field.Satellite] = ["SATELLITE", "ดาวเทียม"],
        [Field.Confidence] = ["CONFIDENCE", "ความเชื่อมั่น"],
        [Field.Frp] = ["FRP"],
        [Field.DayNight] = ["DAYNIGHT"],
        [Field.Version] = ["VERSION"],
        [Field.LandUse] = ["LU_NAME", "ประเภทพื้นที่"],
        [Field.Province] = ["PV_TN", "PROVINCE_T", "จังหวัด"],
        [Field.District] = ["AP_TN", "AMPHOE_T", "อำเภอ"],
        [Field.Subdistrict] = ["TB_TN", "TAMBON_T", "ตำบล"],
        [Field.HotspotId] = ["HOTSPOTID"],
    };

    /// <summary>Bytes looked at to tell UTF-8 from TIS-620 in a CSV without a byte order mark.</summary>
    private const int EncodingSniffBytes = 1 << 20;

    /// <summary>
    /// Opens a file, checks that it is a GISTDA hotspot export, and returns its records, read lazily in file order.
    /// The format is recognised from the content: Shapefile and GeoJSON as <see cref="FeatureSource"/> does, else CSV.
    /// </summary>
    /// <param name="encoding">Text encoding overriding detection (CSV) or the <c>.cpg</c> (Shapefile), e.g. <c>TIS-620</c>.</param>
    /// <param name="clock">Today's date for the "not after tomorrow" check; the system clock when null.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FeatureFormatException">Not a GISTDA hotspot file (no coordinates or no date field) or unreadable.</exception>
    public static IEnumerable<GistdaRow> Read(string path, string? encoding = null, TimeProvider? clock = null)
    {
        var today = DateOnly.FromDateTime((clock ?? TimeProvider.System).GetUtcNow().UtcDateTime);
        var format = FeatureSource.Sniff(path);
        if (format is null)
            return ReadCsv(path, encoding, today);
        var source = FeatureSource.Open(path, encoding, layer: null);
        try
        {
            var fields = Resolve(source.FieldNames);
            Require(path, fields, hasGeometry: true);
            return ReadFeatures(source, fields, source.ToWgs84(null), format == "Shapefile", today);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    private static IEnumerable<GistdaRow> ReadFeatures(FeatureSource source, Dictionary<Field, string> fields, Reprojection crs,
        bool dbfDates, DateOnly today)
    {
        using (source)
        {
            foreach (var feature in source.Features())
            {
                var origin = $"{source.Path} feature {feature.Number.ToString(CultureInfo.InvariantCulture)}";
                var raw = string.Join(", ", feature.Attributes.Select(kv => $"{kv.Key}={kv.Value}"));
                Point? point = null;
                if (feature.Geometry is { IsEmpty: false } geometry)
                {
                    point = crs.Apply(geometry) as Point;
                    if (point is null)
                    {
                        yield return Reject(feature.Number, $"{origin}: geometry is a {geometry.GeometryType}, not a point", raw);
                        continue;
                    }
                }
                yield return Parse(feature.Number, origin, f => fields.TryGetValue(f, out var name) ? feature.Attribute(name) : null,
                    point, dbfDates, raw, today);
            }
        }
    }

    /// <summary>Opens a CSV and checks its header now; the records are read lazily, one line each (RFC 4180 quoting).</summary>
    private static IEnumerable<GistdaRow> ReadCsv(string path, string? encodingName, DateOnly today)
    {
        var csv = new CsvLineReader(new StreamReader(path, CsvEncoding(path, encodingName), detectEncodingFromByteOrderMarks: true));
        try
        {
            if (!csv.Next() || csv.Line.IsWhiteSpace())
                throw new FeatureFormatException(path, null, "is empty");
            if (csv.Problem is { } problem)
            {
                throw new FeatureFormatException(path, null, problem.StartsWith("control", StringComparison.Ordinal)
                    ? "is not a GISTDA hotspot file: it holds binary data, not text"
                    : $"is not a GISTDA hotspot file: its header (line 1) is not CSV: {problem}");
            }
            var header = csv.Fields();
            var fields = Resolve(header);
            Require(path, fields, hasGeometry: false);
            return CsvRows(path, csv, header, fields.ToDictionary(kv => kv.Key, kv => Array.IndexOf(header, kv.Value)), today);
        }
        catch
        {
            csv.Dispose();
            throw;
        }
    }

    private static IEnumerable<GistdaRow> CsvRows(string path, CsvLineReader csv, string[] header, Dictionary<Field, int> index,
        DateOnly today)
    {
        using (csv)
        {
            while (csv.Next())
            {
                var line = csv.LineNumber;
                if (csv.Problem is null && csv.Line.IsWhiteSpace())
                    continue;
                var origin = $"{path} line {line.ToString(CultureInfo.InvariantCulture)}";
                if (csv.Problem is { } problem)
                {
                    yield return Reject(line, $"{origin}: {problem}", csv.Line.ToString());
                    continue;
                }
                var values = csv.Fields();
                var raw = csv.Line.ToString();
                if (values.Length != header.Length)
                {
                    yield return Reject(line,
                        $"{origin}: {values.Length.ToString(CultureInfo.InvariantCulture)} fields, "
                        + $"the header has {header.Length.ToString(CultureInfo.InvariantCulture)}", raw);
                    continue;
                }
                yield return Parse(line, origin, f => index.TryGetValue(f, out var i) ? values[i] : null, null, dbfDates: false, raw,
                    today);
            }
        }
    }

    /// <summary>
    /// The CSV's encoding: the option, else a byte order mark, else UTF-8 when the first MiB is valid UTF-8, else
    /// TIS-620 (read as Windows-874), which Thai spreadsheet exports without a BOM usually are.
    /// </summary>
    private static Encoding CsvEncoding(string path, string? explicitName)
    {
        if (explicitName is not null)
        {
            try
            {
                return TextEncodings.Resolve(explicitName);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                throw new FeatureFormatException(path, null, $"text encoding '{explicitName}' is not known", e);
            }
        }
        return TextEncodings.DetectFile(path, EncodingSniffBytes, out _) ?? TextEncodings.Tis620;
    }

    /// <summary>Which of the file's fields holds each value: the first known name present.</summary>
    private static Dictionary<Field, string> Resolve(IEnumerable<string> fieldNames)
    {
        var byKey = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in fieldNames)
            byKey.TryAdd(Key(name), name);
        var result = new Dictionary<Field, string>();
        foreach (var (field, names) in Names)
        {
            if (names.Select(n => byKey.GetValueOrDefault(Key(n))).FirstOrDefault(n => n is not null) is { } found)
                result[field] = found;
        }
        return result;
    }

    private static string Key(string name) => ThaiText.Normalize(name.Trim('"', '\uFEFF')).ToUpperInvariant();

    private static void Require(string path, Dictionary<Field, string> fields, bool hasGeometry)
    {
        if (!hasGeometry && !(fields.ContainsKey(Field.Latitude) && fields.ContainsKey(Field.Longitude)))
            throw new FeatureFormatException(path, null,
                "is not a GISTDA hotspot file: no LATITUDE and LONGITUDE (ละติจูด, ลองจิจูด) fields");
        if (!(fields.ContainsKey(Field.AcqDate) || fields.ContainsKey(Field.ThDate)))
            throw new FeatureFormatException(path, null, "is not a GISTDA hotspot file: no ACQ_DATE or TH_DATE (วันที่) field");
    }

    private static GistdaRow Parse(int number, string origin, Func<Field, string?> get, Point? point, bool dbfDates, string raw,
        DateOnly today)
    {
        string? Text(Field f) => get(f) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        GistdaRow Fail(string reason) => Reject(number, $"{origin}: {reason}", raw);

        double longitude, latitude;
        if (point is not null)
        {
            (longitude, latitude) = (point.X, point.Y);
        }
        else if (!TryNumber(Text(Field.Longitude), out longitude) || !TryNumber(Text(Field.Latitude), out latitude))
        {
            return Fail($"no readable LONGITUDE/LATITUDE ('{E(Text(Field.Longitude))}', '{E(Text(Field.Latitude))}')");
        }
        if (latitude is < -90 or > 90 || longitude is < -180 or > 180 || double.IsNaN(latitude) || double.IsNaN(longitude))
            return Fail($"coordinates out of range (longitude {longitude.ToString(CultureInfo.InvariantCulture)}, "
                + $"latitude {latitude.ToString(CultureInfo.InvariantCulture)})");

        DateTime utc;
        string dateField, dateText;
        if (Text(Field.AcqDate) is { } acqDate && Text(Field.AcqTime) is { } acqTime)
        {
            (dateField, dateText) = ("ACQ_DATE", acqDate);
            if (!TryDay(acqDate, dbfDates, out var day))
                return Fail($"ACQ_DATE '{E(acqDate)}' is not a date (yyyy-MM-dd or dd/MM/yyyy, CE or BE)");
            if (!TryTime(acqTime, out var time))
                return Fail($"ACQ_TIME '{E(acqTime)}' is not a time (HHMM or HH:mm, UTC)");
            utc = DateTime.SpecifyKind(day.ToDateTime(time), DateTimeKind.Utc);
        }
        else if (Text(Field.ThDate) is { } thDate && Text(Field.ThTime) is { } thTime)
        {
            (dateField, dateText) = ("TH_DATE", thDate);
            if (!TryDay(thDate, dbfDates, out var day))
                return Fail($"TH_DATE '{E(thDate)}' is not a date (yyyy-MM-dd or dd/MM/yyyy, CE or BE)");
            if (!TryTime(thTime, out var time))
                return Fail($"TH_TIME '{E(thTime)}' is not a time (HHMM or HH:mm, Thai time)");
            utc = DateTime.SpecifyKind(day.ToDateTime(time) - Bangkok.UtcOffset, DateTimeKind.Utc);
        }
        else
        {
            return Fail("no acquisition date and time (ACQ_DATE with ACQ_TIME, or TH_DATE with TH_TIME)");
        }

        // GISTDA's series is VIIRS S-NPP: an export without a satellite field is taken as such (docs/gistda-format.md).
        Satellite satellite = Satellite.SuomiNpp;
        if (get(Field.Satellite) is not null)
        {
            if (Text(Field.Satellite) is not { } satText)
                return Fail("SATELLITE is empty");
            if (!Satellites.TryParse(satText, out var parsed))
                return Fail($"SATELLITE '{E(satText)}' is not a satellite FIRMS or GISTDA names (N, N20, N21, Terra, Aqua)");
            satellite = parsed.Value;
        }
        var utcDay = DateOnly.FromDateTime(utc);
        if (AcquisitionDates.Problem(satellite, utcDay, today) is { } implausible)
        {
            var iso = utcDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return Fail($"{dateField} '{E(dateText)}' (UTC day {iso}) {implausible}");
        }

        Confidence? confidence = null;
        if (Text(Field.Confidence) is { } confText)
        {
            confidence = Confidences.TryParseClass(confText) ?? confText switch
            {
                "สูง" => Confidence.High,
                "ปานกลาง" or "ปกติ" => Confidence.Nominal,
                "ต่ำ" => Confidence.Low,
                _ when int.TryParse(confText, NumberStyles.None, CultureInfo.InvariantCulture, out var pct)
                    && pct <= 100 => Confidences.FromModisPercent(pct),
                _ => null,
            };
            if (confidence is null)
                return Fail($"CONFIDENCE '{E(confText)}' is not low/nominal/high, l/n/h or 0-100");
        }

        double? frp = null;
        if (Text(Field.Frp) is { } frpText)
        {
            if (!TryNumber(frpText, out var value))
                return Fail($"FRP '{E(frpText)}' is not a number");
            frp = value;
        }
        bool? isDay = null;
        if (Text(Field.DayNight) is { } dayNight)
        {
            isDay = dayNight switch { "D" or "d" => true, "N" or "n" => false, _ => null };
            if (isDay is null)
                return Fail($"DAYNIGHT '{E(dayNight)}' is not D or N");
        }

        var landUse = Text(Field.LandUse) is { } lu ? ThaiText.Normalize(lu) : null;
        return new GistdaRow(number, new GistdaHotspot(satellite, utc, longitude, latitude, confidence, frp, isDay, Text(Field.Version),
            landUse, GistdaLandClasses.Parse(landUse), Thai(Text(Field.Province)), Thai(Text(Field.District)),
            Thai(Text(Field.Subdistrict)), Text(Field.HotspotId), origin), null);
    }

    private static string E(string? text) => Echo.Clip(text);

    private static string? Thai(string? text) => text is null ? null : ThaiText.Normalize(text);

    private static GistdaRow Reject(int number, string reason, string raw) =>
        new(number, null, new FirmsRejection(number, reason, Echo.Clip(raw, RawChars)));

    /// <summary>Characters of a rejected record kept in <c>import_rejection.raw</c>.</summary>
    private const int RawChars = 1000;

    private static bool TryNumber(string? text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>
    /// A day in any of the spellings GISTDA exports use: <c>2026-03-15</c> (a time after <c>T</c> or a space is
    /// ignored), <c>15/03/2569</c> (day first, as Thai users write), <c>20260315</c>; a year of 2400 or more is BE.
    /// A shapefile's date field arrives as the invariant text of a DateTime (<c>03/15/2026 00:00:00</c>), month first.
    /// </summary>
    internal static bool TryDay(string text, bool monthFirst, out DateOnly day)
    {
        day = default;
        var datePart = text.Trim().Split('T', ' ')[0];
        int year, month, dayOfMonth;
        var parts = datePart.Split('-', '/', '.');
        static bool Int(string s, out int v) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out v);
        if (parts.Length == 1 && datePart.Length == 8 && Int(datePart, out _))
        {
            parts = [datePart[..4], datePart[4..6], datePart[6..]];
        }
        if (parts.Length != 3)
            return false;
        if (parts[0].Length == 4)
        {
            if (!Int(parts[0], out year) || !Int(parts[1], out month) || !Int(parts[2], out dayOfMonth))
                return false;
        }
        else if (parts[2].Length == 4)
        {
            if (!Int(parts[2], out year) || !Int(parts[monthFirst ? 0 : 1], out month) || !Int(parts[monthFirst ? 1 : 0], out dayOfMonth))
                return false;
        }
        else
        {
            return false;
        }
        if (year >= 2400)
            year -= ThaiCalendar.BuddhistEraOffset;
        if (year is < 1900 or > 2200 || month is < 1 or > 12 || dayOfMonth < 1 || dayOfMonth > DateTime.DaysInMonth(year, month))
            return false;
        day = new DateOnly(year, month, dayOfMonth);
        return true;
    }

    /// <summary>A time of day: <c>HHMM</c> with leading zeros possibly lost (<c>627</c> = 06:27), or <c>HH:mm[:ss]</c>.</summary>
    internal static bool TryTime(string text, out TimeOnly time)
    {
        time = default;
        var s = text.Trim();
        int hour, minute;
        if (s.Contains(':', StringComparison.Ordinal))
        {
            var parts = s.Split(':');
            if (parts.Length is < 2 or > 3 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out hour)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out minute))
                return false;
        }
        else
        {
            // A shapefile's numeric field arrives as "627" or "627.0".
            if (s.EndsWith(".0", StringComparison.Ordinal))
                s = s[..^2];
            if (s.Length is < 1 or > 4 || !int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var hhmm))
                return false;
            (hour, minute) = (hhmm / 100, hhmm % 100);
        }
        if (hour is < 0 or > 23 || minute is < 0 or > 59)
            return false;
        time = new TimeOnly(hour, minute);
        return true;
    }
}
