namespace Gis.Importers.Store;

/// <summary>
/// The version of the stored data, per kind: how many committed transactions have changed it (table
/// <c>data_change</c>, kept by triggers; ADR 0013). Two equal versions mean the same data, so a result computed at
/// one version may be served until the version moves.
/// </summary>
/// <param name="Hotspots">Changes of detections and import batches (imports, NRT superseded by standard data).</param>
/// <param name="Boundaries">Changes of the districts and provinces (a boundary import re-assigns detections).</param>
/// <param name="LandUse">Changes of the land-use snapshots.</param>
/// <param name="Plans">Changes of plan projects, their areas and districts, and the district allocations.</param>
public sealed record DataVersion(long Hotspots, long Boundaries, long LandUse, long Plans)
{
    /// <summary>
    /// Changes whenever stored detections or their districts may have changed: an import batch (a standard batch
    /// supersedes NRT rows in the same transaction) or a boundary import (which re-assigns districts). Keys hotspot tiles.
    /// </summary>
    public string HotspotKey => FormattableString.Invariant($"{Hotspots}/{Boundaries}");

    /// <summary>Reads the current version: one scan of a table that grows by a row per changing transaction.</summary>
    public static async Task<DataVersion> ReadAsync(GisStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, """
            SELECT count(*) FILTER (WHERE kind = 'hotspots'), count(*) FILTER (WHERE kind = 'boundaries'),
                   count(*) FILTER (WHERE kind = 'landuse'), count(*) FILTER (WHERE kind = 'plans')
            FROM data_change
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new DataVersion(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }
}
