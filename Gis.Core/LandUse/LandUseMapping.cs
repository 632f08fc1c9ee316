namespace Gis.Core.LandUse;

/// <summary>One row of a <see cref="LandUseMapping"/>: a class code or code prefix and what it means.</summary>
/// <param name="CodePrefix">A full class code (<c>U601</c>) or a prefix of codes (<c>F</c>, <c>A3</c>), upper case.</param>
/// <param name="IsGreen">Whether land of these classes counts as green area.</param>
/// <param name="LandClass">The hotspot land class the land belongs to.</param>
/// <param name="Description">What the rule is about, for people; may be empty.</param>
public sealed record LandUseRule(string CodePrefix, bool IsGreen, HotspotLandClass LandClass, string Description);

/// <summary>
/// Which land-use classes count as green and which hotspot land class they fall in: a table of code prefixes,
/// where the longest prefix matching a code wins (so <c>U601</c> overrides <c>U</c>). Codes compare
/// case-insensitively after trimming. A composite LDD code such as <c>A101+A202</c> (paddy with corn) or
/// <c>A305/A413</c> (teak or longan) is classified by its leading, dominant code, which prefix matching does by itself.
/// </summary>
public sealed class LandUseMapping
{
    private readonly LandUseRule[] _rulesLongestFirst;

    /// <param name="rules">The rules; prefixes must be non-empty and distinct (case-insensitive).</param>
    /// <exception cref="ArgumentException">A prefix is empty or given twice.</exception>
    public LandUseMapping(IEnumerable<LandUseRule> rules)
    {
        var list = rules.Select(r => r with { CodePrefix = Normalize(r.CodePrefix) }).ToList();
        if (list.FirstOrDefault(r => r.CodePrefix.Length == 0) is not null)
            throw new ArgumentException("A land-use mapping rule has an empty code.", nameof(rules));
        var twice = list.GroupBy(r => r.CodePrefix, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            throw new ArgumentException($"The land-use mapping names code '{twice.Key}' twice.", nameof(rules));
        Rules = list;
        _rulesLongestFirst = [.. list.OrderByDescending(r => r.CodePrefix.Length)];
    }

    /// <summary>The rules in the order given.</summary>
    public IReadOnlyList<LandUseRule> Rules { get; }

    /// <summary>
    /// The rule for a class code: the one with the longest prefix of <paramref name="code"/>, or null when none
    /// matches (the caller decides whether that is an error). Cost: O(rules).
    /// </summary>
    public LandUseRule? Classify(string code)
    {
        var key = Normalize(code);
        if (key.Length == 0)
            return null;
        foreach (var rule in _rulesLongestFirst)
        {
            if (key.StartsWith(rule.CodePrefix, StringComparison.Ordinal))
                return rule;
        }
        return null;
    }

    /// <summary>A code as compared: trimmed, upper case (invariant).</summary>
    public static string Normalize(string? code) => (code ?? string.Empty).Trim().ToUpperInvariant();
}
