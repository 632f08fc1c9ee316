using Gis.Importers.Store;

namespace Gis.Importers.Queries.Runs;

/// <summary>What the saved target runs (ADR 0016) were computed for, read back.</summary>
public sealed class SavedRuns(GisStore store)
{
    /// <summary>
    /// The period of the latest saved hotspot run that holds <paramref name="provinceCode"/> (a run of that province or of
    /// every district), as the command line spelled it (<c>season:2569</c>, BE); null when none was saved. Cost: one row.
    /// </summary>
    public async Task<string?> LatestHotspotPeriodAsync(string provinceCode, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        return await Sql.ScalarAsync<string?>(connection, null, """
            SELECT period FROM target_run
            WHERE kind = 'hotspot' AND (province_code = $1 OR province_code IS NULL)
            ORDER BY id DESC LIMIT 1
            """, cancellationToken, provinceCode);
    }
}
