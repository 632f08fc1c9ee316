using Gis.Core.Hotspots;
using Gis.Core.LandUse;
using Gis.Core.Periods;

namespace Gis.Core.Targets;

/// <summary>One district (or the province) and land class, counted from two sources.</summary>
/// <param name="LandClass">A hotspot land class code, <c>unmapped</c>, or <c>total</c> for the row's sum.</param>
/// <param name="Ours">Detections of the report's source (usually FIRMS, classed by our land-use parcels).</param>
/// <param name="Theirs">Detections of the other source (usually GISTDA, classed by GISTDA).</param>
public sealed record SourceComparisonRow(string Code, string NameTh, string NameEn, string LandClass, long Ours, long Theirs)
{
    /// <summary>Theirs minus ours: positive where the other source counts more.</summary>
    public long Difference => Theirs - Ours;
}

/// <summary>One source's detections of a period per (district code, land class code), as compared.</summary>
public sealed record SourceCounts(HotspotSource Source, IReadOnlyDictionary<(string District, string LandClass), long> ByLandClass);

/// <summary>Per district and land class, the counts of two hotspot sources side by side.</summary>
public sealed record HotspotSourceComparison(
    Period Period,
    HotspotSource Ours,
    HotspotSource Theirs,
    IReadOnlyList<SourceComparisonRow> Rows,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The code of the row summing a district's land classes.</summary>
    public const string Total = "total";

    /// <summary>
    /// Rows for every district (code order) and then the province: one per land class either source counts in the
    /// province and in the row's area (the six classes in their order, then <c>unmapped</c>), and a <see cref="Total"/> row.
    /// </summary>
    public static HotspotSourceComparison Build(Period period, IReadOnlyList<DistrictCount> districts, DistrictCount province,
        SourceCounts ours, SourceCounts theirs, IReadOnlyList<string> warnings)
    {
        var (oursByClass, theirsByClass) = (ours.ByLandClass, theirs.ByLandClass);
        var present = oursByClass.Keys.Concat(theirsByClass.Keys).Select(k => k.LandClass).ToHashSet(StringComparer.Ordinal);
        var classes = Enum.GetValues<HotspotLandClass>().Select(HotspotLandClasses.Code).Where(present.Contains)
            .Concat(present.Where(c => HotspotLandClasses.FromCode(c) is null).Order(StringComparer.Ordinal)).ToList();
        var rows = new List<SourceComparisonRow>();
        foreach (var area in districts.Append(province))
        {
            bool In(string district) => area == province ? districts.Any(d => d.Code == district) : district == area.Code;
            long Sum(IReadOnlyDictionary<(string District, string LandClass), long> counts, string? landClass) =>
                counts.Where(kv => In(kv.Key.District) && (landClass is null || kv.Key.LandClass == landClass)).Sum(kv => kv.Value);
            // A class neither source counts in the area is left out; the total row is always there.
            rows.AddRange(classes.Select(c => new SourceComparisonRow(area.Code, area.NameTh, area.NameEn, c, Sum(oursByClass, c),
                Sum(theirsByClass, c)))
                .Where(r => r.Ours != 0 || r.Theirs != 0));
            rows.Add(new SourceComparisonRow(area.Code, area.NameTh, area.NameEn, Total, Sum(oursByClass, null), Sum(theirsByClass, null)));
        }
        return new HotspotSourceComparison(period, ours.Source, theirs.Source, rows, warnings);
    }
}
