using System.Text;
using Gis.Core.Hotspots;
using Gis.Importers.Firms;
using Gis.TestSupport;

namespace Gis.Importers.Tests.Firms;

public class FirmsCsvReaderTests
{
    private const string ViirsHeader = FirmsCsv.Header;

    private static List<FirmsRow> Read(string text, string name = "test.csv")
    {
        using var reader = new FirmsCsvReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), name);
        return reader.ReadRows().ToList();
    }

    [Fact]
    public void ReadRows_AcqTimeWithoutLeadingZeros_IsHoursAndMinutes()
    {
        var rows = Read($"{ViirsHeader}\n18.5,98.5,330,0.4,0.4,2026-04-12,627,N20,VIIRS,n,2.0NRT,290,5.5,D\n"
            + "18.5,98.5,330,0.4,0.4,2026-04-12,5,N20,VIIRS,h,2.0NRT,290,5.5,N\n");
        Assert.Equal(new DateTime(2026, 4, 12, 6, 27, 0, DateTimeKind.Utc), rows[0].Hotspot!.AcquiredUtc);
        Assert.Equal(new DateTime(2026, 4, 12, 0, 5, 0, DateTimeKind.Utc), rows[1].Hotspot!.AcquiredUtc);
        Assert.Equal(Confidence.High, rows[1].Hotspot!.Confidence);
        Assert.False(rows[1].Hotspot!.IsDay);
    }

    [Fact]
    public void LocalDay_EveningUtc_IsNextBangkokDay()
    {
        var rows = Read($"{ViirsHeader}\n18.5,98.5,330,0.4,0.4,2026-04-12,1801,N,VIIRS,l,2.0NRT,290,5.5,N\n");
        var h = rows[0].Hotspot!;
        Assert.Equal(new DateOnly(2026, 4, 13), h.LocalDay);
        Assert.Equal(Satellite.SuomiNpp, h.Satellite);
        Assert.True(h.IsNearRealTime);
    }

    [Fact]
    public void ReadRows_ModisArchive_ConfidencePercentAndType()
    {
        var rows = Read("latitude,longitude,brightness,scan,track,acq_date,acq_time,satellite,instrument,confidence,version," +
                        "bright_t31,frp,daynight,type\n" +
                        "16.5489,104.6097,318.8,1,1,2016-01-01,0342,Terra,MODIS,72,6.2,298.9,10.4,D,0\n");
        var h = rows[0].Hotspot!;
        Assert.Equal(72, h.ConfidencePercent);
        Assert.Equal(Confidence.Nominal, h.Confidence);
        Assert.Equal(0, h.Type);
        Assert.Equal(318.8, h.BrightnessK);
        Assert.Equal("MODIS", h.Instrument);
    }

    [Fact]
    public void ReadRows_ExtraColumnsInAnyOrder_AreTolerated()
    {
        var rows = Read("acq_datetime,satellite,latitude,longitude,acq_date,acq_time,confidence,version,daynight,note\n" +
                        "2026-04-12 05:48:00,N20,17.52248,98.17504,2026-04-12,548,n,2.0NRT,D,hello\n");
        var h = rows[0].Hotspot!;
        Assert.Equal(98.17504, h.Longitude);
        Assert.Equal(17.52248, h.Latitude);
        Assert.Null(h.FrpMw);
    }

    [Theory]
    [InlineData("abc,98.5,330,0.4,0.4,2026-04-12,627,N20,VIIRS,n,2.0NRT,290,5.5,D", "latitude 'abc'")]
    [InlineData("95.1,98.5,330,0.4,0.4,2026-04-12,627,N20,VIIRS,n,2.0NRT,290,5.5,D", "latitude '95.1'")]
    [InlineData("18.5,181,330,0.4,0.4,2026-04-12,627,N20,VIIRS,n,2.0NRT,290,5.5,D", "longitude '181'")]
    [InlineData("18.5,98.5,330,0.4,0.4,2026-02-30,627,N20,VIIRS,n,2.0NRT,290,5.5,D", "acq_date '2026-02-30'")]
    [InlineData("18.5,98.5,330,0.4,0.4,2026-04-12,2460,N20,VIIRS,n,2.0NRT,290,5.5,D", "acq_time '2460'")]
    [InlineData("18.5,98.5,330,0.4,0.4,2026-04-12,627,N20,VIIRS,x,2.0NRT,290,5.5,D", "confidence 'x'")]
    [InlineData("18.5,98.5,330,0.4,0.4,2026-04-12,627,Z9,VIIRS,n,2.0NRT,290,5.5,D", "satellite 'Z9'")]
    [InlineData("18.5,98.5,330,0.4,0.4,2026-04-12,627,N20,VIIRS,n,2.0NRT,290,5.5", "expected 14 fields")]
    [InlineData("18.5,98.5,330,0.4,0.4,2026-04-12,627,N20,VIIRS,n,2.0NRT,290,5.5,D,extra", "expected 14 fields")]
    [InlineData("18.5,98.5,330,0.4,0.4,2026-04-12,627,N20,VIIRS,n,2.0NRT,290,fast,D", "'fast' in a numeric column")]
    [InlineData("18.5,98.5,330,0.4,0.4,2026-04-12,627,N20,MODIS,n,2.0NRT,290,5.5,D", "instrument 'MODIS'")]
    [InlineData("18.5,98.5,330,0.4,0.4,2026-04-12,627,N20,VIIRS,n,2.0NRT,290,5.5,X", "daynight 'X'")]
    public void ReadRows_BadLine_IsRejectedWithLineAndReason(string line, string reason)
    {
        var rows = Read($"{ViirsHeader}\n18.5,98.5,330,0.4,0.4,2026-04-12,627,N20,VIIRS,n,2.0NRT,290,5.5,D\n{line}\n");
        Assert.NotNull(rows[0].Hotspot);
        var rejection = Assert.IsType<FirmsRejection>(rows[1].Rejection);
        Assert.Equal(3, rejection.Line);
        Assert.Contains(reason, rejection.Reason, StringComparison.Ordinal);
        Assert.Equal(line, rejection.Raw);
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("\n\n", "the file is empty")]
    [InlineData("name,value\nfoo,1\n", "required column(s) latitude, longitude, acq_date")]
    [InlineData("latitude,longitude,acq_date\n1,2,2020-01-01\n", "acq_time, satellite, confidence, version, daynight")]
    [InlineData("\u0001\u0002PK\u0003\u0004\0\0binary", "binary data")]
    public void Constructor_NotFirms_IsRefusedNamingTheFile(string content, string message)
    {
        var e = Assert.Throws<FirmsFormatException>(() => Read(content, "broken/x.csv"));
        Assert.StartsWith("broken/x.csv: not a FIRMS CSV file", e.Message, StringComparison.Ordinal);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRows_RealNoaa20Snapshot_EveryLineReads()
    {
        var path = SharedData.PathOf("firms", "viirs-noaa20-nrt-2026", "firms_snapshot_20260412_0832.csv");
        using var reader = new FirmsCsvReader(File.OpenRead(path), path);
        var rows = reader.ReadRows().ToList();
        Assert.Equal(File.ReadLines(path).Count() - 1, rows.Count);
        Assert.All(rows, r => Assert.Null(r.Rejection));
        Assert.All(rows, r => Assert.Equal(Satellite.Noaa20, r.Hotspot!.Satellite));
    }
}
