using Gis.Importers.Store;
using Npgsql;

namespace Gis.Importers.LandUse;

/// <summary>
/// Keeps <c>landuse_green</c>, each snapshot's green land dissolved per district (ADR 0024), in step with the parcels
/// and the districts it rests on. Called by the writers of either, inside their transaction, so the dissolved green
/// commits or rolls back with the change that moved it; queries only read it.
/// </summary>
public static class LandUseGreen
{
    /// <summary>
    /// Recomputes the dissolved green of <paramref name="snapshots"/> (null: every snapshot) in
    /// <paramref name="districtCodes"/> (null: every district), and the snapshots' land outside every district.
    /// </summary>
    /// <remarks>Waits while another transaction refreshes (<c>landuse_green_refresh</c> in migration 0021 says why).</remarks>
    public static Task RefreshAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyCollection<int>? snapshots,
        IReadOnlyCollection<string>? districtCodes, CancellationToken ct) =>
        Sql.ExecuteAsync(connection, tx, "SELECT landuse_green_refresh($1::smallint[], $2::text[])", ct,
            snapshots?.Select(s => (short)s).ToArray(), districtCodes?.ToArray());
}
