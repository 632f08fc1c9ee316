using System.Globalization;
using System.Text;
using Gis.Core.Hotspots;
using Gis.Core.Text;

namespace Gis.Importers.Firms;

/// <summary>
/// Streams a NASA FIRMS active-fire CSV (VIIRS S-NPP / NOAA-20 / NOAA-21 or MODIS; archive, standard or NRT; from a
/// download or the area API) into <see cref="Hotspot"/> records, one line at a time in constant memory.
/// Columns are found by name, so order and extra columns (e.g. <c>acq_datetime</c>) do not matter.
/// </summary>
/// <remarks>
/// The header is checked on construction: an empty, binary or non-FIRMS file throws <see cref="FirmsFormatException"/>.
/// A bad data line does not throw; it comes back as a <see cref="FirmsRejection"/> naming the line and the reason:
/// a line longer than <see cref="CsvLineReader.MaxLineChars"/>, a control character, a value that is not what its
/// column holds, a <c>version</c> that is not one of <see cref="FirmsVersions"/>, an acquisition day before the
/// satellite flew or after tomorrow (<see cref="AcquisitionDates"/>). Fields may be quoted (RFC 4180).
/// Cost: about a microsecond a row; no per-field string allocations on the common path.
/// </remarks>
public sealed class FirmsCsvReader : IDisposable
{
    private static readonly string[] Required =
        ["latitude", "longitude", "acq_date", "acq_time", "satellite", "confidence", "version", "daynight"];

    private readonly CsvLineReader _csv;
    private readonly DateOnly _today;
    private readonly int _fieldCount;
    private readonly int _latitude, _longitude, _date, _time, _satellite, _confidence, _version, _dayNight;
    private readonly int _instrument, _brightness, _brightness2, _scan, _track, _frp, _type;

    /// <param name="stream">The file's bytes (UTF-8 or ASCII; a BOM is fine). The reader owns and disposes it.</param>
    /// <param name="source">The name used in messages (file path, or <c>archive.zip!entry.csv</c>).</param>
    /// <param name="clock">Today's date for the "not after tomorrow" check; the system clock when null.</param>
    public FirmsCsvReader(Stream stream, string source, TimeProvider? clock = null)
    {
        _today = DateOnly.FromDateTime((clock ?? TimeProvider.System).GetUtcNow().UtcDateTime);
        _csv = new CsvLineReader(new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16));
        if (!_csv.Next() || _csv.Line.IsWhiteSpace())
            throw new FirmsFormatException($"{source}: not a FIRMS CSV file: the file is empty.");
        if (_csv.Line.Contains('\uFFFD') || _csv.Problem is not null && _csv.Problem.StartsWith("control", StringComparison.Ordinal))
            throw new FirmsFormatException($"{source}: not a FIRMS CSV file: it holds binary data, not text.");
        if (_csv.Problem is { } problem)
            throw new FirmsFormatException($"{source}: not a FIRMS CSV file: its header (line 1) is not CSV: {problem}.");

        var names = _csv.Fields().Select(n => n.Trim().ToLowerInvariant()).ToArray();
        var missing = Required.Where(r => !names.Contains(r)).ToList();
        if (missing.Count > 0)
            throw new FirmsFormatException(
                $"{source}: not a FIRMS CSV file: required column(s) {string.Join(", ", missing)} missing from the header (line 1).");

        _fieldCount = names.Length;
        int Index(params string[] candidates) => candidates.Select(c => Array.IndexOf(names, c)).FirstOrDefault(i => i >= 0, -1);
        _latitude = Index("latitude");
        _longitude = Index("longitude");
        _date = Index("acq_date");
        _time = Index("acq_time");
        _satellite = Index("satellite");
        _confidence = Index("confidence");
        _version = Index("version");
        _dayNight = Index("daynight");
        _instrument = Index("instrument");
        _brightness = Index("bright_ti4", "brightness");
        _brightness2 = Index("bright_ti5", "bright_t31");
        _scan = Index("scan");
        _track = Index("track");
        _frp = Index("frp");
        _type = Index("type");
    }

    /// <summary>The data lines, in file order. Blank lines are skipped; everything else yields a row.</summary>
    public IEnumerable<FirmsRow> ReadRows()
    {
        while (_csv.Next())
        {
            var line = _csv.LineNumber;
            if (_csv.Problem is null && _csv.Line.IsWhiteSpace())
                continue;
            Hotspot? hotspot = null;
            var reason = _csv.Problem ?? TryParse(out hotspot);
            yield return reason is null
                ? new FirmsRow(line, hotspot, null)
                : new FirmsRow(line, null, new FirmsRejection(line, reason, Echo.Clip(_csv.Line, RawChars)));
        }
    }

    /// <summary>Characters of a rejected line kept in <c>import_rejection.raw</c>: a real FIRMS line is about 120.</summary>
    private const int RawChars = 500;

    private ReadOnlySpan<char> F(int index) => _csv.Field(index).Trim();

    /// <summary>A field quoted in a message: clipped and printable.</summary>
    private string Q(int index) => Echo.Clip(F(index));

    private string? TryParse(out Hotspot? hotspot)
    {
        hotspot = null;
        if (_csv.FieldCount != _fieldCount)
            return $"expected {_fieldCount} fields as in the header, found {_csv.FieldCount.ToString(CultureInfo.InvariantCulture)}";

        if (!TryDouble(F(_latitude), out var latitude) || latitude is < -90 or > 90)
            return $"latitude '{Q(_latitude)}' is not a number from -90 to 90";
        if (!TryDouble(F(_longitude), out var longitude) || longitude is < -180 or > 180)
            return $"longitude '{Q(_longitude)}' is not a number from -180 to 180";
        if (!DateOnly.TryParseExact(F(_date), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return $"acq_date '{Q(_date)}' is not a date (yyyy-MM-dd)";
        if (!TryHhmm(F(_time), out var time))
            return $"acq_time '{Q(_time)}' is not a UTC time HHMM";
        if (!Satellites.TryParse(F(_satellite), out var satellite))
            return $"satellite '{Q(_satellite)}' is not a FIRMS satellite (N, N20, N21, Terra, Aqua)";
        if (AcquisitionDates.Problem(satellite.Value, date, _today) is { } implausible)
            return $"acq_date '{Q(_date)}' {implausible}";
        if (FirmsVersions.Known(satellite.Value, F(_version)) is not { } version)
        {
            return F(_version).IsEmpty
                ? "version is empty: without it the line cannot be told NRT or standard"
                : $"version '{Q(_version)}' is not a FIRMS {Satellites.Instrument(satellite.Value)} version "
                  + $"({FirmsVersions.List(satellite.Value)}): it cannot be told NRT or standard";
        }
        var instrument = Satellites.Instrument(satellite.Value);
        if (_instrument >= 0 && F(_instrument) is { Length: > 0 } named && !named.Equals(instrument, StringComparison.OrdinalIgnoreCase))
            return $"instrument '{Echo.Clip(named)}' does not fit satellite '{Q(_satellite)}'";

        Confidence confidence;
        int? percent = null;
        if (instrument == "MODIS")
        {
            if (!int.TryParse(F(_confidence), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) || p is < 0 or > 100)
                return $"confidence '{Q(_confidence)}' is not a MODIS confidence 0-100";
            percent = p;
            confidence = Confidences.FromModisPercent(p);
        }
        else
        {
            if (Confidences.TryParseClass(F(_confidence)) is not { } c)
                return $"confidence '{Q(_confidence)}' is not a VIIRS confidence (l, n, h)";
            confidence = c;
        }

        var dayNight = F(_dayNight);
        if (dayNight is not ("D" or "N"))
            return $"daynight '{Echo.Clip(dayNight)}' is not D or N";

        double? brightness = null, brightness2 = null, scan = null, track = null, frp = null;
        int? type = null;
        var bad = Optional(_brightness, ref brightness) ?? Optional(_brightness2, ref brightness2) ?? Optional(_scan, ref scan)
            ?? Optional(_track, ref track) ?? Optional(_frp, ref frp);
        if (bad is not null)
            return bad;
        if (_type >= 0 && F(_type) is { Length: > 0 } typeText)
        {
            if (!int.TryParse(typeText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var t) || t is < 0 or > 3)
                return $"type '{Echo.Clip(typeText)}' is not 0, 1, 2 or 3";
            type = t;
        }

        hotspot = new Hotspot(
            satellite.Value,
            DateTime.SpecifyKind(date.ToDateTime(time), DateTimeKind.Utc),
            longitude,
            latitude,
            confidence,
            percent,
            brightness,
            brightness2,
            scan,
            track,
            frp,
            dayNight is "D",
            version,
            type);
        return null;
    }

    /// <summary>Reads an optional numeric column: absent or blank is null; anything else must be a number.</summary>
    private string? Optional(int index, ref double? value)
    {
        if (index < 0 || F(index) is not { Length: > 0 } field)
            return null;
        if (!TryDouble(field, out var v))
            return $"'{Echo.Clip(field)}' in a numeric column is not a number";
        value = v;
        return null;
    }

    private static bool TryDouble(ReadOnlySpan<char> text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>FIRMS writes HHMM as a number, so leading zeros may be lost: <c>627</c> is 06:27, <c>5</c> is 00:05.</summary>
    private static bool TryHhmm(ReadOnlySpan<char> text, out TimeOnly time)
    {
        time = default;
        if (text.Length is < 1 or > 4 || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var hhmm))
            return false;
        var (hours, minutes) = Math.DivRem(hhmm, 100);
        if (hours > 23 || minutes > 59)
            return false;
        time = new TimeOnly(hours, minutes);
        return true;
    }

    public void Dispose() => _csv.Dispose();
}
