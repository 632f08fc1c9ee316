namespace Gis.SampleData.Firms;

/// <summary>
/// The two VIIRS CSV layouts FIRMS delivers. Standard (archive) files end with a <c>type</c> column and, as the
/// archive download writes them, zero-pad <c>acq_time</c> to four digits; NRT files have no <c>type</c> and write
/// <c>acq_time</c> as a bare integer (<c>627</c>), which is why readers must not assume four digits.
/// </summary>
/// <param name="SatelliteCode">FIRMS <c>satellite</c> column: <c>N</c> (S-NPP), <c>N20</c>, <c>N21</c>.</param>
/// <param name="Version"><c>2</c> for collection-2 standard processing, <c>2.0NRT</c> for near-real-time.</param>
internal sealed record FirmsLayout(string SatelliteCode, string Version, bool Standard)
{
    public static FirmsLayout SuomiNppStandard { get; } = new("N", "2", Standard: true);

    public static FirmsLayout Noaa20Nrt { get; } = new("N20", "2.0NRT", Standard: false);

    public string Header => Standard
        ? "latitude,longitude,bright_ti4,scan,track,acq_date,acq_time,satellite,instrument,confidence,version,bright_ti5,frp,daynight,type"
        : "latitude,longitude,bright_ti4,scan,track,acq_date,acq_time,satellite,instrument,confidence,version,bright_ti5,frp,daynight";

    /// <summary>Longest row this layout can produce, for sizing buffers.</summary>
    public const int MaxRowLength = 160;

    /// <summary>Writes <paramref name="row"/> and a newline into <paramref name="buffer"/>; returns the length.</summary>
    public int Format(in FirmsRow row, Span<char> buffer)
    {
        var w = new SpanWriter(buffer);
        w.Fixed(row.LatitudeE5, 5);
        w.Char(',');
        w.Fixed(row.LongitudeE5, 5);
        w.Char(',');
        w.Fixed(row.BrightTi4E2, 2);
        w.Char(',');
        w.Fixed(row.ScanE2, 2);
        w.Char(',');
        w.Fixed(row.TrackE2, 2);
        w.Char(',');
        w.Digits(row.AcqDate.Year, 4);
        w.Char('-');
        w.Digits(row.AcqDate.Month, 2);
        w.Char('-');
        w.Digits(row.AcqDate.Day, 2);
        w.Char(',');
        if (Standard)
            w.Digits(row.AcqTimeHhmm, 4);
        else
            w.Integer(row.AcqTimeHhmm);
        w.Char(',');
        w.Text(SatelliteCode);
        w.Text(",VIIRS,");
        w.Char(row.Confidence);
        w.Char(',');
        w.Text(Version);
        w.Char(',');
        w.Fixed(row.BrightTi5E2, 2);
        w.Char(',');
        w.Fixed(row.FrpE2, 2);
        w.Char(',');
        w.Char(row.IsDay ? 'D' : 'N');
        if (Standard)
        {
            w.Char(',');
            w.Integer(row.Type);
        }
        w.Char('\n');
        return w.Length;
    }

    /// <summary>
    /// Formats integers as text without culture or floating point: fixed-point values are stored as scaled integers,
    /// so "18.12345" is digits, never a double's shortest representation. Also what makes the benchmark fast.
    /// </summary>
    private ref struct SpanWriter(Span<char> buffer)
    {
        private readonly Span<char> _buffer = buffer;

        public int Length { get; private set; }

        public void Char(char c) => _buffer[Length++] = c;

        public void Text(string s)
        {
            s.AsSpan().CopyTo(_buffer[Length..]);
            Length += s.Length;
        }

        public void Integer(int value)
        {
            if (value < 0)
            {
                Char('-');
                value = -value;
            }
            var digits = 1;
            for (var v = value; v >= 10; v /= 10)
                digits++;
            Digits(value, digits);
        }

        public void Digits(int value, int count)
        {
            for (var i = count - 1; i >= 0; i--)
            {
                _buffer[Length + i] = (char)('0' + (value % 10));
                value /= 10;
            }
            Length += count;
        }

        /// <summary>
        /// Writes value / 10^decimals with trailing zeros dropped but one decimal kept (<c>17.5005</c>, <c>4.9</c>,
        /// <c>5.0</c>), as FIRMS files print their numbers.
        /// </summary>
        public void Fixed(int scaled, int decimals)
        {
            if (scaled < 0)
            {
                Char('-');
                scaled = -scaled;
            }
            var scale = decimals == 5 ? 100_000 : 100;
            Integer(scaled / scale);
            Char('.');
            var fraction = scaled % scale;
            var shown = decimals;
            while (shown > 1 && fraction % 10 == 0)
            {
                fraction /= 10;
                shown--;
            }
            Digits(fraction, shown);
        }
    }
}
