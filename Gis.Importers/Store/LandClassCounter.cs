using Gis.Core.Hotspots;
using Gis.Core.Periods;

namespace Gis.Importers.Store;

/// <summary>
/// Hotspots per district and hotspot land class (the six Thai classes), from the land-use snapshot in force.
/// </summary>
public sealed class LandClassCounter(GisStore store)
{
    /// <summary>Empty until land use is imported (the land-use import lands separately).</summary>
    public Task<IReadOnlyDictionary<(string District, string LandClass), long>> CountAsync(Period period, string provinceCode, HotspotFilter filter, CancellationToken cancellationToken = default)
    {
        _ = (store, period, provinceCode, filter, cancellationToken);
        return Task.FromResult<IReadOnlyDictionary<(string, string), long>>(new Dictionary<(string, string), long>());
    }
}
