using Gis.Core.Targets;

namespace Gis.Importers.Targets;

/// <summary>The hotspot-reduction table of every district in the store (<c>gis targets hotspots --province all</c>).</summary>
/// <param name="Nation">Every district in code order under the national row (<see cref="HotspotTargetService.Nation"/>), with the
/// warnings and the coverage the national row is judged on.</param>
/// <param name="Provinces">Per province, in code order: its districts and its province row, judged on its own coverage; no
/// warnings of their own (they are the national table's).</param>
public sealed record NationalHotspotTargets(HotspotTargetReport Nation, IReadOnlyList<HotspotTargetReport> Provinces);
