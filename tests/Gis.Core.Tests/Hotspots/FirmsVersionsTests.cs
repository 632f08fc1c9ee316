using Gis.Core.Hotspots;

namespace Gis.Core.Tests.Hotspots;

public class FirmsVersionsTests
{
    public static TheoryData<string> AllVersions()
    {
        var data = new TheoryData<string>();
        foreach (var version in FirmsVersions.List(Satellite.Noaa20).Split(", ").Concat(FirmsVersions.List(Satellite.Terra).Split(", ")))
            data.Add(version);
        return data;
    }

    /// <summary>The database marks NRT rows by <c>version LIKE '%NRT'</c> (ADR 0007): the list must agree with it.</summary>
    [Theory]
    [MemberData(nameof(AllVersions))]
    public void IsNearRealTime_AgreesWithTheDatabaseRule(string version) =>
        Assert.Equal(version.EndsWith("NRT", StringComparison.Ordinal), FirmsVersions.IsNearRealTime(version));

    [Theory]
    [InlineData(Satellite.Noaa20, "2.0NRT", "2.0NRT")]
    [InlineData(Satellite.SuomiNpp, "2", "2")]
    [InlineData(Satellite.Aqua, "6.1NRT", "6.1NRT")]
    [InlineData(Satellite.Terra, "6.03", "6.03")]
    [InlineData(Satellite.Noaa20, "6.1NRT", null)]
    [InlineData(Satellite.Terra, "2.0NRT", null)]
    [InlineData(Satellite.Noaa20, "2.0NRT\uFFFD", null)]
    [InlineData(Satellite.Noaa20, "", null)]
    public void Known_IsPerInstrument(Satellite satellite, string text, string? known) =>
        Assert.Equal(known, FirmsVersions.Known(satellite, text));

    [Fact]
    public void IsNearRealTime_UnknownText_IsFalse() => Assert.False(FirmsVersions.IsNearRealTime("9.9NRT"));
}
