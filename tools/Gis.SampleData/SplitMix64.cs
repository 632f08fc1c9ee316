namespace Gis.SampleData;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014). Our own generator rather than <see cref="Random"/>, whose sequence for a
/// given seed is not promised to stay the same across .NET versions; the sample data must be byte-identical forever.
/// Only integer arithmetic and exact double conversions are used, so every platform yields the same values.
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    /// <summary>A generator for an independent part of the output, so adding a part never shifts the others.</summary>
    public static SplitMix64 For(ulong seed, string part)
    {
        // FNV-1a over the part name: stable, unlike string.GetHashCode, which is randomised per process.
        var h = 0xCBF29CE484222325UL;
        foreach (var c in part)
        {
            h ^= c;
            h *= 0x100000001B3UL;
        }
        var g = new SplitMix64(seed ^ h);
        g.NextUInt64();
        return g;
    }

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1), 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, maxExclusive); the modulo bias (below 2^-32) does not matter here.</summary>
    public int Next(int maxExclusive) => (int)((NextUInt64() >> 32) % (ulong)maxExclusive);

    public double Range(double min, double max) => min + ((max - min) * NextDouble());

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>
    /// Triangular distribution on [min, max] with the given mode. Uses only a square root, which IEEE 754 rounds
    /// exactly (unlike log/exp/sin, whose last bit may differ between runtimes).
    /// </summary>
    public double Triangular(double min, double mode, double max)
    {
        var u = NextDouble();
        var cut = (mode - min) / (max - min);
        return u < cut
            ? min + Math.Sqrt(u * (max - min) * (mode - min))
            : max - Math.Sqrt((1 - u) * (max - min) * (max - mode));
    }

    /// <summary>Heavy-tailed positive value (Pareto-like via a reciprocal), for fire radiative power.</summary>
    public double HeavyTail(double min, double scale) => min + (scale / (NextDouble() + 0.04)) - (scale / 1.04);
}
