using Gis.Core.Targets;

namespace Gis.Core.Tests.Targets;

public class ReductionTests
{
    [Theory]
    [InlineData(95, 100, -5.0, TargetStatus.Met)]
    [InlineData(96, 100, -4.0, TargetStatus.NotMet)]
    [InlineData(0, 10, -100.0, TargetStatus.Met)]
    [InlineData(12, 10, 20.0, TargetStatus.NotMet)]
    public void Status_AgainstMinusFive(double current, double baseline, double change, TargetStatus status)
    {
        var c = Reduction.ChangePercent(current, baseline);
        Assert.Equal(change, c!.Value, 9);
        Assert.Equal(status, Reduction.Status(c, Reduction.DefaultTargetPercent));
    }

    [Fact]
    public void ChangePercent_BaselineZero_IsNoBaselineNotInfinity()
    {
        Assert.Null(Reduction.ChangePercent(3, 0));
        Assert.Equal("no-baseline", Reduction.Code(Reduction.Status(null, -5)));
    }

    [Fact]
    public void Status_ThirdOfAPercent_RoundingDoesNotFlipTheVerdict()
    {
        // 19 of 20 is exactly -5 %: floating point must not turn it into -4.9999.
        Assert.Equal(TargetStatus.Met, Reduction.Status(Reduction.ChangePercent(19, 20), -5));
    }
}
