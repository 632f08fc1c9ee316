using Gis.Core.Admin;
using Gis.Importers.Boundaries;
using Gis.TestSupport;

namespace Gis.Importers.Tests.Targets;

/// <summary>
/// A throwaway store with province 50 as the square 98-99 E, 18-19 N, split at 98.5 E into West (5001) and East (5002),
/// and a temporary folder for the FIRMS files a test writes.
/// </summary>
public abstract class TwoDistrictStore : IAsyncLifetime
{
    protected TestDatabase Db { get; private set; } = null!;

    protected string Folder { get; } = Directory.CreateTempSubdirectory("targets-").FullName;

    public async Task InitializeAsync()
    {
        Db = await PostGis.NewDatabaseAsync();
        await new BoundaryImporter(Db.Store).ReplaceAsync(
        [
            new AdminArea("50", "เชียงใหม่", "Chiang Mai", Wkt.MultiPolygon("POLYGON ((98 18, 99 18, 99 19, 98 19, 98 18))")),
            new AdminArea("5001", "ก", "West", Wkt.MultiPolygon("POLYGON ((98 18, 98.5 18, 98.5 19, 98 19, 98 18))")),
            new AdminArea("5002", "ข", "East", Wkt.MultiPolygon("POLYGON ((98.5 18, 99 18, 99 19, 98.5 19, 98.5 18))")),
        ], "fixture");
    }

    public async Task DisposeAsync()
    {
        await Db.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
