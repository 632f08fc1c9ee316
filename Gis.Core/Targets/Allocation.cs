namespace Gis.Core.Targets;

/// <summary>One district's share of the provincial green-area target.</summary>
public sealed record DistrictAllocation(string Code, int AllocationRai, bool Locked, double Weight);

/// <summary>The split, and whether it had to fall back to equal shares because every free weight was zero.</summary>
public sealed record AllocationResult(IReadOnlyList<DistrictAllocation> Districts, bool EqualSplit);

/// <summary>
/// Splits a provincial target (whole rai) over districts: districts a planner locked keep their value, the rest is
/// shared in proportion to a weight and rounded by the largest-remainder method, so the parts are whole rai and
/// add up exactly to the target.
/// </summary>
public static class Allocation
{
    /// <param name="targetRai">The provincial target, e.g. 1,000 rai a year.</param>
    /// <param name="weights">Every district with its weight (>= 0), e.g. restorable non-green area in rai.</param>
    /// <param name="locks">Districts whose allocation the planner fixed.</param>
    /// <exception cref="ArgumentException">The target is negative, locked values exceed it, a lock names an unknown district, or a
    /// weight is negative.</exception>
    /// <remarks>When every unlocked weight is zero the remainder is shared equally, and the result says so.</remarks>
    public static AllocationResult Split(int targetRai, IReadOnlyList<(string Code, double Weight)> weights,
        IReadOnlyDictionary<string, int> locks)
    {
        if (targetRai < 0)
            throw new ArgumentException(FormattableString.Invariant($"the target cannot be negative ({targetRai} rai)."));
        var unknown = locks.Keys.Where(k => weights.All(w => w.Code != k)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"locked district(s) {string.Join(", ", unknown)} are not among the districts allocated.");
        if (locks.Values.Any(v => v < 0) || weights.Any(w => w.Weight < 0 || !double.IsFinite(w.Weight)))
            throw new ArgumentException("allocations and weights cannot be negative.");
        var lockedSum = locks.Values.Sum();
        if (lockedSum > targetRai)
            throw new ArgumentException($"the locked districts already take {lockedSum} rai, more than the target of {targetRai} rai.");

        var free = weights.Where(w => !locks.ContainsKey(w.Code)).ToList();
        var remaining = targetRai - lockedSum;
        var totalWeight = free.Sum(w => w.Weight);
        var equalSplit = free.Count > 0 && totalWeight <= 0;
        if (free.Count == 0 && remaining > 0)
            throw new ArgumentException($"every district is locked but {remaining} rai of the target are not allocated.");

        var exact = free.Select(w => (w.Code, w.Weight, Share: equalSplit ? (double)remaining / free.Count
            : remaining * w.Weight / totalWeight)).ToList();
        var floors = exact.ToDictionary(e => e.Code, e => (int)Math.Floor(e.Share));
        var left = remaining - floors.Values.Sum();
        // Largest remainders get the leftover rai; ties go to the larger weight, then the lower code, so runs repeat.
        foreach (var e in exact.OrderByDescending(e => e.Share - Math.Floor(e.Share)).ThenByDescending(e => e.Weight)
                     .ThenBy(e => e.Code, StringComparer.Ordinal).Take(left))
            floors[e.Code]++;

        var districts = weights.Select(w => locks.TryGetValue(w.Code, out var fixedRai)
                ? new DistrictAllocation(w.Code, fixedRai, true, w.Weight)
                : new DistrictAllocation(w.Code, floors[w.Code], false, w.Weight))
            .ToList();
        return new AllocationResult(districts, equalSplit);
    }
}
