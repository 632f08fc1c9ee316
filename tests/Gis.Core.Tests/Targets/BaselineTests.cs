using Gis.Core.Periods;
using Gis.Core.Targets;

namespace Gis.Core.Tests.Targets;

public class BaselineTests
{
    private static readonly Period Season2569 = Period.Season(2569);

    [Fact]
    public void Parse_Previous_IsTheSameSeasonOneYearEarlier()
    {
        var baseline = Baseline.Parse("previous");
        Assert.Equal(new PreviousBaseline(1), baseline);
        var only = Assert.Single(baseline.PeriodsFor(Season2569));
        Assert.Equal(new DateOnly(2025, 1, 1), only.From);
        Assert.Equal(new DateOnly(2025, 5, 31), only.To);
        Assert.Equal("season:2568", baseline.LabelFor(Season2569));
    }

    [Fact]
    public void Parse_MeanOfThree_ThreePreviousSeasonsNewestFirst_LabelOldestToNewest()
    {
        var baseline = Baseline.Parse("MEAN:3 ");
        Assert.Equal(new PreviousBaseline(3), baseline);
        Assert.Equal(["season:2568", "season:2567", "season:2566"], baseline.PeriodsFor(Season2569).Select(p => p.Label));
        Assert.Equal("mean:3 (season:2566..season:2568)", baseline.LabelFor(Season2569));
    }

    [Fact]
    public void Parse_MeanOfFiscalYears_StepsBackFiscalYears()
    {
        var periods = Baseline.Parse("mean:2").PeriodsFor(Period.Fiscal(2569));
        // fiscal:2568 runs 1 Oct 2024 - 30 Sep 2025, fiscal:2567 one year before.
        Assert.Equal([(new DateOnly(2024, 10, 1), new DateOnly(2025, 9, 30)), (new DateOnly(2023, 10, 1), new DateOnly(2024, 9, 30))],
            periods.Select(p => (p.From, p.To)));
    }

    [Fact]
    public void Parse_FixedSeason_SameForEveryCurrentPeriod()
    {
        var baseline = Baseline.Parse("season:2566");
        Assert.Equal(new FixedBaseline(Period.Season(2566)), baseline);
        Assert.Equal("season:2566", baseline.LabelFor(Season2569));
        Assert.Equal("season:2566", Assert.Single(baseline.PeriodsFor(Period.Season(2570))).Label);
    }

    [Fact]
    public void Parse_FixedSeasonInCeWithApril_ReadsBeYearAndSeasonEnd()
    {
        var period = Assert.Single(Baseline.Parse("season:2023", ce: true, seasonEndMonth: 4).PeriodsFor(Season2569));
        // 2023 CE = 2566 BE; an April season ends on 30 April.
        Assert.Equal(2566, period.Year);
        Assert.Equal(new DateOnly(2023, 4, 30), period.To);
    }

    [Theory]
    [InlineData("mean:0")]
    [InlineData("mean:31")]
    [InlineData("mean:-1")]
    [InlineData("mean: 3")]
    [InlineData("mean:three")]
    public void Parse_MeanOutsideOneToThirty_RefusedNamingTheRange(string text)
    {
        var e = Assert.Throws<FormatException>(() => Baseline.Parse(text));
        Assert.Equal($"'{text}': mean:N takes N from 1 to 30 previous periods.", e.Message);
    }

    [Fact]
    public void Parse_MeanOfThirty_IsTheLargestAccepted() =>
        Assert.Equal(30, Baseline.Parse("mean:30").PeriodsFor(Season2569).Count);

    [Fact]
    public void Parse_NoBaselineNorPeriod_RefusedWithThePeriodForms()
    {
        var e = Assert.Throws<FormatException>(() => Baseline.Parse("last-year"));
        Assert.Contains("is not a period", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new long[] { 7 }, 7.0)]
    [InlineData(new long[] { 3, 4 }, 3.5)]
    [InlineData(new long[] { 30, 20, 25 }, 25.0)]
    [InlineData(new long[] { 10, 11, 11 }, 10.666666666666666)]
    [InlineData(new long[] { }, 0.0)]
    public void Combine_IsTheMeanOfTheCounts_ZeroWhenNone(long[] counts, double expected) =>
        Assert.Equal(expected, Baseline.Combine(counts), 12);
}
