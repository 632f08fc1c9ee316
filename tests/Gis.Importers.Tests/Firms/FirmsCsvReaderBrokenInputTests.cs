using System.Text;
using Gis.Importers.Firms;
using Gis.TestSupport;

namespace Gis.Importers.Tests.Firms;

/// <summary>Damaged FIRMS lines (issue 13): each is one rejected line with its reason, and the next line is still read.</summary>
public class FirmsCsvReaderBrokenInputTests
{
    private const string Good = "18.5,98.5,330,0.4,0.4,2026-04-12,627,N20,VIIRS,n,2.0NRT,290,5.5,D";

    private static readonly FixedClock Clock = FixedClock.December5;

    private static List<FirmsRow> Read(string text, string header = FirmsCsv.Header) => Read(Encoding.UTF8.GetBytes($"{header}\n{text}"));

    private static List<FirmsRow> Read(byte[] bytes)
    {
        using var reader = new FirmsCsvReader(new MemoryStream(bytes), "test.csv", Clock);
        return reader.ReadRows().ToList();
    }

    /// <summary>The line <see cref="Good"/> with one field replaced.</summary>
    private static string With(int field, string value)
    {
        var fields = Good.Split(',');
        fields[field] = value;
        return string.Join(',', fields);
    }

    [Theory]
    [InlineData("2.0NRT\uFFFD", "version '2.0NRT\uFFFD' is not a FIRMS VIIRS version (1, 1.0, 1.0NRT, 2, 2.0, 2.0NRT)")]
    [InlineData("", "version is empty")]
    [InlineData("2.0nrt", "version '2.0nrt' is not a FIRMS VIIRS version")]
    [InlineData("6.1NRT", "version '6.1NRT' is not a FIRMS VIIRS version")]
    [InlineData("NRT", "version 'NRT' is not a FIRMS VIIRS version")]
    public void ReadRows_UnknownVersion_IsRejectedNotTakenAsStandard(string version, string reason)
    {
        var rows = Read($"{With(10, version)}\n{Good}\n");

        Assert.StartsWith(reason, rows[0].Rejection!.Reason, StringComparison.Ordinal);
        Assert.Equal(2, rows[0].Line);
        Assert.Equal("2.0NRT", rows[1].Hotspot!.Version);
        Assert.True(rows[1].Hotspot!.IsNearRealTime);
    }

    [Fact]
    public void ReadRows_Latin1ByteAfterVersion_IsRejected()
    {
        // The case of the issue: the byte 0xE9 after 2.0NRT, decoded as U+FFFD.
        var line = Encoding.UTF8.GetBytes(FirmsCsv.Header + "\n" + Good.Replace("2.0NRT,", "2.0NRT\u0001,", StringComparison.Ordinal));
        var at = Array.IndexOf(line, (byte)1);
        line[at] = 0xE9;

        var row = Assert.Single(Read(line));

        Assert.Contains("version '2.0NRT\uFFFD' is not a FIRMS VIIRS version", row.Rejection!.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("N", "2", false)]
    [InlineData("N", "1", false)]
    [InlineData("N20", "2.0", false)]
    [InlineData("N21", "2.0NRT", true)]
    [InlineData("N", "1.0NRT", true)]
    public void ReadRows_KnownViirsVersions_AreReadWithTheirNrtFlag(string satellite, string version, bool nrt)
    {
        var h = Assert.Single(Read(With(7, satellite).Replace(",2.0NRT,", $",{version},", StringComparison.Ordinal))).Hotspot!;
        Assert.Equal((version, nrt), (h.Version, h.IsNearRealTime));
    }

    [Theory]
    [InlineData("6.2", false)]
    [InlineData("6.03", false)]
    [InlineData("61.03", false)]
    [InlineData("6.1", false)]
    [InlineData("6.1NRT", true)]
    public void ReadRows_KnownModisVersions_AreReadWithTheirNrtFlag(string version, bool nrt)
    {
        var rows = Read($"16.5,104.6,318.8,1,1,2016-01-01,0342,Terra,MODIS,72,{version},298.9,10.4,D,0\n"
            + "16.5,104.6,318.8,1,1,2016-01-01,0342,Aqua,MODIS,72,2.0NRT,298.9,10.4,D,0\n",
            "latitude,longitude,brightness,scan,track,acq_date,acq_time,satellite,instrument,confidence,version,bright_t31,frp,"
            + "daynight,type");
        Assert.Equal((version, nrt), (rows[0].Hotspot!.Version, rows[0].Hotspot!.IsNearRealTime));
        Assert.StartsWith("version '2.0NRT' is not a FIRMS MODIS version", rows[1].Rejection!.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2569-03-29",
        "acq_date '2569-03-29' is after tomorrow (2026-12-06): looks like a Buddhist-era year; did you mean 2026-03-29?")]
    [InlineData("2099-01-01", "acq_date '2099-01-01' is after tomorrow (2026-12-06)")]
    [InlineData("2026-12-07", "acq_date '2026-12-07' is after tomorrow (2026-12-06)")]
    [InlineData("1900-01-01", "acq_date '1900-01-01' is before N20 was launched (2017-11-18)")]
    [InlineData("2017-11-17", "acq_date '2017-11-17' is before N20 was launched (2017-11-18)")]
    public void ReadRows_ImpossibleDate_IsRejectedWithReason(string date, string reason)
    {
        var rows = Read($"{With(5, date)}\n{Good}\n");
        Assert.Equal(reason, rows[0].Rejection!.Reason);
        Assert.NotNull(rows[1].Hotspot);
    }

    [Theory]
    [InlineData("2026-12-06")]
    [InlineData("2017-11-18")]
    public void ReadRows_TomorrowAndLaunchDay_AreAccepted(string date) =>
        Assert.NotNull(Assert.Single(Read(With(5, date))).Hotspot);

    [Fact]
    public void ReadRows_NulByte_RejectsTheLineAndReadsOn()
    {
        var rows = Read($"{Good.Replace("98.5", "98\0.5", StringComparison.Ordinal)}\n{Good}\n");

        Assert.Equal("control character U+0000 at column 8: not text", rows[0].Rejection!.Reason);
        Assert.Equal(@"18.5,98\u0000.5,330", rows[0].Rejection!.Raw[..19]);
        Assert.NotNull(rows[1].Hotspot);
    }

    [Fact]
    public void ReadRows_QuotedFields_AreRfc4180()
    {
        var rows = Read($"{Good},\"Doi Suthep, \"\"north\"\" slope\"\n"
            + "\"18.5\",\"98.5\",330,0.4,0.4,2026-04-12,627,N20,VIIRS,n,\"2.0NRT\",290,5.5,D,x\n"
            + $"{Good},\"open\n{Good},\"closed\"text\n", FirmsCsv.Header + ",note");

        Assert.Equal(98.5, rows[0].Hotspot!.Longitude);
        Assert.Equal("2.0NRT", rows[1].Hotspot!.Version);
        Assert.Equal("a quoted field is not closed on its line", rows[2].Rejection!.Reason);
        Assert.Equal("text after the closing quote of field 15", rows[3].Rejection!.Reason);
    }

    [Fact]
    public void ReadRows_LongField_IsEchoedClipped()
    {
        var rows = Read(With(0, new string('9', 60_000)));

        var reason = rows[0].Rejection!.Reason;
        Assert.Equal($"latitude '{new string('9', 200)}... (60,000 characters)' is not a number from -90 to 90", reason);
        Assert.True(rows[0].Rejection!.Raw.Length < 600);
    }

    [Fact]
    public void ReadRows_FiftyMegabyteLine_IsRejectedInBoundedMemory()
    {
        var stream = new ConcatStream(Encoding.UTF8.GetBytes(FirmsCsv.Header + "\n"), 50_000_000, Encoding.UTF8.GetBytes($"\n{Good}\n"));
        using var reader = new FirmsCsvReader(stream, "long.csv", Clock);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var rows = reader.ReadRows().ToList();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("the line is 50,000,000 characters long, more than the 65,536 a record may have", rows[0].Rejection!.Reason);
        Assert.Equal(3, rows[1].Line);
        Assert.NotNull(rows[1].Hotspot);
        // The line itself is 100 MB as UTF-16; reading it must not hold it (measured: well under 100 KB).
        Assert.True(allocated < 1_000_000, $"{allocated:N0} bytes allocated");
    }

    /// <summary>A head, then <c>count</c> bytes of 'x' produced on the fly (never held), then a tail.</summary>
    private sealed class ConcatStream(byte[] head, long count, byte[] tail) : Stream
    {
        private long _position;

        public override int Read(byte[] buffer, int offset, int length)
        {
            var total = head.Length + count + tail.Length;
            var n = (int)Math.Min(length, total - _position);
            for (var i = 0; i < n; i++, _position++)
            {
                buffer[offset + i] = _position < head.Length ? head[_position]
                    : _position < head.Length + count ? (byte)'x'
                    : tail[_position - head.Length - count];
            }
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
