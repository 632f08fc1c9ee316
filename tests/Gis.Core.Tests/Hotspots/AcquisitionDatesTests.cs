using Gis.Core.Hotspots;

namespace Gis.Core.Tests.Hotspots;

public class AcquisitionDatesTests
{
    private static readonly DateOnly Today = new(2026, 3, 30);

    [Theory]
    [InlineData(Satellite.Noaa20, "2026-03-29", null)]
    [InlineData(Satellite.Noaa20, "2026-03-31", null)]
    [InlineData(Satellite.Noaa20, "2026-04-01", "is after tomorrow (2026-03-31)")]
    [InlineData(Satellite.Noaa20, "2569-03-29",
        "is after tomorrow (2026-03-31): looks like a Buddhist-era year; did you mean 2026-03-29?")]
    [InlineData(Satellite.Noaa20, "2569-04-01", "is after tomorrow (2026-03-31)")]
    [InlineData(Satellite.Terra, "2000-02-23", "is before Terra was launched (2000-02-24)")]
    [InlineData(Satellite.Terra, "2000-02-24", null)]
    [InlineData(Satellite.Aqua, "2002-05-03", "is before Aqua was launched (2002-05-04)")]
    [InlineData(Satellite.SuomiNpp, "2011-10-27", "is before N was launched (2011-10-28)")]
    [InlineData(Satellite.Noaa21, "2022-11-09", "is before N21 was launched (2022-11-10)")]
    [InlineData(Satellite.Noaa21, "1900-01-01", "is before N21 was launched (2022-11-10)")]
    public void Problem_OutsideLaunchToTomorrow_SaysWhy(Satellite satellite, string day, string? problem) =>
        Assert.Equal(problem, AcquisitionDates.Problem(satellite, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture),
            Today));
}
