using Gis.Core.Admin;
using Gis.Core.Spatial;
using Gis.Importers.LandUse;
using Gis.Importers.Store;
using NetTopologySuite.Geometries;

namespace Gis.Importers.Boundaries;

/// <summary>Writes administrative areas and keeps the hotspots' district tags in step with them.</summary>
public sealed class BoundaryImporter(GisStore store)
{
    /// <summary>
    /// The source to credit for the areas (ADR 0017): <c>--credit</c> or what <see cref="BoundaryReadResult.Credit"/> reads
    /// from the file; null: the file name given as source.
    /// </summary>
    public string? Credit { get; init; }

    /// <summary>
    /// Inserts the areas, replacing any stored area with the same code, and re-tags the hotspots the change can
    /// affect (those inside the new areas' extent or tagged with a replaced code) and the land-use green dissolved per
    /// district of the districts given, all in one transaction.
    /// </summary>
    /// <param name="areas">Valid multipolygons in WGS 84.</param>
    /// <param name="source">Where they came from (file path), recorded with each area.</param>
    /// <remarks>Waits while an import of detections or another boundary import writes (ADR 0019).</remarks>
    public Task<AdminAreaImportResult> ReplaceAsync(IReadOnlyCollection<AdminArea> areas, string source,
        CancellationToken cancellationToken = default) =>
        StoreRetry.RunAsync(store, source, ct => ReplaceOnceAsync(areas, source, ct), cancellationToken);

    private async Task<AdminAreaImportResult> ReplaceOnceAsync(IReadOnlyCollection<AdminArea> areas, string source,
        CancellationToken cancellationToken)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        // Detections are re-tagged below: importers of detections must not tag theirs with the districts being replaced.
        await WriteLock.Detections.TakeAsync(store, connection, tx, cancellationToken);
        int inserted = 0, replaced = 0;
        foreach (var area in areas)
        {
            // xmax = 0 only for a freshly inserted row: tells insert from update in one statement.
            var wasInsert = await Sql.ScalarAsync<bool>(connection, tx, """
                INSERT INTO admin_area (code, name_th, name_en, geom, source, credit) VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (code) DO UPDATE SET name_th = excluded.name_th, name_en = excluded.name_en,
                    geom = excluded.geom, source = excluded.source, credit = excluded.credit, imported_at = now()
                RETURNING xmax = 0
                """, cancellationToken, area.Code, area.NameTh, area.NameEn, area.Boundary, source,
                Credit ?? Path.GetFileName(source));
            if (wasInsert)
                inserted++;
            else
                replaced++;
        }

        var districts = areas.Where(a => a.Level == AdminLevel.District).ToList();
        var retagged = 0;
        if (districts.Count > 0)
        {
            var envelope = new Envelope();
            foreach (var district in districts)
                envelope.ExpandToInclude(district.Boundary.EnvelopeInternal);
            var extent = Geo.Wgs84.ToGeometry(envelope);
            // FIRMS detections and GISTDA records alike (ADR 0008); the table names are these two literals.
            foreach (var table in new[] { "hotspot", "gistda_hotspot" })
            {
                retagged += await Sql.ExecuteAsync(connection, tx, $"""
                    UPDATE {table} h SET district_code = d.code
                    FROM {table} x
                    LEFT JOIN LATERAL (
                        SELECT a.code FROM admin_area a
                        WHERE a.level = 4 AND ST_Intersects(a.geom, x.geom)
                        ORDER BY a.code LIMIT 1) d ON true
                    WHERE x.id = h.id
                      AND (x.geom && $1 OR x.district_code = ANY($2))
                      AND h.district_code IS DISTINCT FROM d.code
                    """, cancellationToken, extent, districts.Select(d => d.Code).ToArray());
            }
            await LandUseGreen.RefreshAsync(connection, tx, null, [.. districts.Select(d => d.Code)], cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
        return new AdminAreaImportResult(inserted, replaced, retagged);
    }
}

/// <summary>Counts of an area import.</summary>
/// <param name="HotspotsRetagged">Stored hotspots (FIRMS and GISTDA) whose district changed because of the new boundaries.</param>
public sealed record AdminAreaImportResult(int Inserted, int Replaced, int HotspotsRetagged);
