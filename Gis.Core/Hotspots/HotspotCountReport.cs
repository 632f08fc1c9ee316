namespace Gis.Core.Hotspots;

/// <summary>Hotspots per district for a range of Bangkok local days (both ends included).</summary>
/// <param name="Districts">Every district of the selection, in code order, zero counts included.</param>
/// <param name="Outside">Detections in the range that lie in no imported district (wherever they are).</param>
public sealed record HotspotCountReport(DateOnly From, DateOnly To, IReadOnlyList<DistrictCount> Districts, long Outside)
{
    public long Total => Districts.Sum(d => d.Count);
}

/// <summary>One district's hotspot count.</summary>
public sealed record DistrictCount(string Code, string NameTh, string NameEn, long Count);
