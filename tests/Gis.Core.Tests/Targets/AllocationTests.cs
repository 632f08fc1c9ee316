using Gis.Core.Targets;

namespace Gis.Core.Tests.Targets;

public class AllocationTests
{
    [Fact]
    public void Split_Proportional_RoundsByLargestRemainderToExactTotal()
    {
        // Exact shares 333.33, 333.33, 333.33: one district gets the leftover rai; the lowest code wins the tie.
        var r = Allocation.Split(1000, [("5001", 1), ("5002", 1), ("5003", 1)], new Dictionary<string, int>());
        Assert.Equal([334, 333, 333], r.Districts.Select(d => d.AllocationRai));
        Assert.False(r.EqualSplit);
    }

    [Fact]
    public void Split_WithLock_KeepsLockedAndSharesTheRest()
    {
        // 1000 - 120 = 880 over weights 1:3 -> 220 and 660.
        var r = Allocation.Split(1000, [("5001", 10), ("5010", 99), ("5003", 30)], new Dictionary<string, int> { ["5010"] = 120 });
        Assert.Equal(["5001:220:False", "5010:120:True", "5003:660:False"],
            r.Districts.Select(d => $"{d.Code}:{d.AllocationRai}:{d.Locked}"));
        Assert.Equal(1000, r.Districts.Sum(d => d.AllocationRai));
    }

    [Fact]
    public void Split_ManyUnevenWeights_SumIsExactlyTheTarget()
    {
        var weights = Enumerable.Range(1, 25).Select(i => ($"50{i:00}", Math.Sqrt(i) * 123.456)).ToList();
        var r = Allocation.Split(1000, weights, new Dictionary<string, int> { ["5007"] = 17 });
        Assert.Equal(1000, r.Districts.Sum(d => d.AllocationRai));
        // Each free share is within one rai of its exact proportional value.
        var free = weights.Where(w => w.Item1 != "5007").ToList();
        var total = free.Sum(w => w.Item2);
        foreach (var d in r.Districts.Where(d => !d.Locked))
            Assert.InRange(d.AllocationRai - (983 * d.Weight / total), -1, 1);
    }

    [Fact]
    public void Split_LocksAboveTarget_Refused() =>
        Assert.Throws<ArgumentException>(() => Allocation.Split(100, [("5001", 1), ("5002", 1)],
            new Dictionary<string, int> { ["5001"] = 101 }));

    [Fact]
    public void Split_NegativeTarget_RefusedAsNegative_NotAsLocksAboveIt()
    {
        var e = Assert.Throws<ArgumentException>(() => Allocation.Split(-5, [("5001", 1), ("5002", 1)], new Dictionary<string, int>()));
        Assert.Equal("the target cannot be negative (-5 rai).", e.Message);
    }

    [Fact]
    public void Split_AllWeightsZero_SharesEquallyAndSaysSo()
    {
        var r = Allocation.Split(10, [("5001", 0), ("5002", 0), ("5003", 0)], new Dictionary<string, int>());
        Assert.True(r.EqualSplit);
        Assert.Equal([4, 3, 3], r.Districts.Select(d => d.AllocationRai));
    }
}
