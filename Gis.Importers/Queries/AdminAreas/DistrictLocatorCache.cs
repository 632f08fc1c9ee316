using Gis.Core.Spatial;
using Gis.Importers.Store;

namespace Gis.Importers.Queries.AdminAreas;

/// <summary>
/// The district locator of the stored boundaries for an importer that tags many files: built once, and again only
/// when a boundary import has committed since (the boundaries' <see cref="DataVersion"/> moved).
/// </summary>
/// <remarks>
/// Ask for it while holding <see cref="WriteLock.Detections"/>: boundary imports take that lock too, so the
/// boundaries cannot change between this answer and the commit of the detections tagged with it.
/// </remarks>
internal sealed class DistrictLocatorCache(GisStore store)
{
    private (long Version, AreaLocator Locator)? _current;

    /// <summary>The locator of the districts stored now. Cost: one count of data_change; a full read when they changed.</summary>
    public async Task<AreaLocator> CurrentAsync(CancellationToken ct)
    {
        var version = (await DataVersion.ReadAsync(store, ct)).Boundaries;
        if (_current is not { } current || current.Version != version)
            _current = current = (version, await new AdminAreaQueries(store).DistrictLocatorAsync(ct));
        return current.Locator;
    }
}
