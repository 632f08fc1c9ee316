using Gis.Core.Hotspots;

namespace Gis.Core.Tests.Hotspots;

public sealed class HotspotFilterTests
{
    [Theory]
    [InlineData(null, null, "VIIRS", null)]
    [InlineData("all", null, null, null)]
    [InlineData("modis", null, "MODIS", null)]
    [InlineData(null, "Terra", "MODIS", "Terra")]
    [InlineData(null, "terra, A", "MODIS", "Terra,Aqua")]
    [InlineData(null, "N20,1", "VIIRS", "N20")]
    [InlineData("MODIS", "Aqua", "MODIS", "Aqua")]
    [InlineData("all", "Terra", null, "Terra")]
    public void Parse_SatelliteImpliesItsInstrument(string? instrument, string? satellites, string? series, string? codes)
    {
        var filter = HotspotFilter.Parse(instrument, satellites);

        Assert.Equal(series, filter.Instrument);
        Assert.Equal(codes, filter.Satellites is null ? null : string.Join(",", filter.Satellites));
    }

    [Theory]
    [InlineData("XYZ", null, null, null, null,
        "satellite 'XYZ' is not known; valid: N (S-NPP), N20 (NOAA-20), N21 (NOAA-21), Terra, Aqua.")]
    [InlineData(null, null, null, null, null, null)]
    [InlineData("N,Terra", null, null, null, null, "mix VIIRS and MODIS")]
    [InlineData("Terra", "VIIRS", null, null, null, "are not VIIRS satellites")]
    [InlineData(null, "AVHRR", null, null, null, "instrument 'AVHRR' is not known; valid: VIIRS, MODIS, all.")]
    [InlineData(null, null, "x", null, null, "confidence 'x' is not known; valid: l (low), n (nominal), h (high).")]
    [InlineData(null, null, null, "M", null, "day/night 'M' is not known; valid: D (day), N (night).")]
    [InlineData(null, null, null, null, "4", "FIRMS type '4' is not known; valid: 0 (vegetation fire)")]
    [InlineData(null, null, null, null, "-1", "FIRMS type '-1' is not known")]
    public void Parse_UnknownValue_ErrorNamesTheValidOnes(string? satellites, string? instrument, string? confidences, string? dayNight,
        string? types, string? message)
    {
        var parse = () => HotspotFilter.Parse(instrument, satellites, confidences, dayNight, types);
        if (message is null)
        {
            Assert.Equal("VIIRS", parse().Instrument);
            return;
        }
        Assert.Contains(message, Assert.Throws<FormatException>(parse).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NormalisesSpellings()
    {
        var filter = HotspotFilter.Parse("VIIRS", "NPP", "high,n,H", "night", "0,2");

        Assert.Equal(["N"], filter.Satellites!);
        Assert.Equal(["h", "n"], filter.Confidences!);
        Assert.Equal("N", filter.DayNight);
        Assert.Equal([0, 2], filter.Types!);
        Assert.Equal("VIIRS N", filter.SeriesText);
    }
}
