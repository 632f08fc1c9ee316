using System.Diagnostics;
using System.Security.Cryptography;
using Gis.Core;
using Gis.Core.LandUse;
using Gis.Core.Units;
using Gis.Importers.Store;
using Npgsql;
using NpgsqlTypes;

namespace Gis.Importers.LandUse;

/// <summary>
/// Imports a land-use layer as one snapshot (a Buddhist Era year) into <c>landuse_parcel</c> and
/// <c>landuse_snapshot</c>. A snapshot is replaced wholly, in one transaction: the old parcels are deleted and the new
/// ones streamed in by binary COPY, so readers see the old snapshot or the new one, never a mix, and a feature that
/// cannot be read (the reader throws mid-file) leaves the store as it was. The snapshot's green land dissolved per
/// district (<see cref="LandUseGreen"/>) is written in the same transaction.
/// </summary>
/// <remarks>Memory stays constant in the number of parcels: each is read, classified and sent before the next.</remarks>
public sealed class LandUseImporter(GisStore store)
{
    /// <summary>Snapshot years accepted (Buddhist Era); a CE year such as 2022 is outside on purpose.</summary>
    public const int FirstYear = 2400;

    /// <inheritdoc cref="FirstYear"/>
    public const int LastYear = 2800;

    /// <summary>
    /// The source to credit for the snapshot (<c>--credit</c>); null: what the layer's fields give away, else the
    /// file name (ADR 0017).
    /// </summary>
    public string? Credit { get; init; }

    /// <summary>Imports every parcel of <paramref name="layer"/> as snapshot <paramref name="snapshotYear"/>.</summary>
    /// <param name="snapshotYear">Buddhist Era year, <see cref="FirstYear"/> to <see cref="LastYear"/>.</param>
    /// <param name="progress">Receives the number of parcels sent so far.</param>
    /// <exception cref="ArgumentOutOfRangeException">The year is not a plausible BE year.</exception>
    /// <exception cref="Features.FeatureFormatException">A feature cannot be used; nothing was changed.</exception>
    public async Task<LandUseImportResult> ImportAsync(LandUseLayer layer, int snapshotYear, IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(snapshotYear, FirstYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(snapshotYear, LastYear);
        var clock = Stopwatch.StartNew();
        var snapshot = (short)snapshotYear;
        var source = Path.GetFullPath(layer.Path);
        var sha256 = await HashAsync(layer, cancellationToken);

        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        // First, before anything is read or removed: a FIRMS load or a re-tagging that counts detections per land class
        // (hotspot_land_count, ADR 0046) waits for this snapshot, or this waits for it, never half of each.
        await Sql.ExecuteAsync(connection, tx, "LOCK TABLE hotspot_land_count IN SHARE ROW EXCLUSIVE MODE", cancellationToken);
        var replaced = await Sql.ScalarAsync<int>(connection, tx,
            "SELECT coalesce((SELECT parcels FROM landuse_snapshot WHERE snapshot = $1), 0)", cancellationToken, snapshot);
        // The snapshot row first (parcels reference it); its parcel count is set at the end.
        await Sql.ExecuteAsync(connection, tx, "DELETE FROM landuse_snapshot WHERE snapshot = $1", cancellationToken, snapshot);
        await Sql.ExecuteAsync(connection, tx, """
            INSERT INTO landuse_snapshot (snapshot, source, sha256, parcels, credit) VALUES ($1, $2, $3, 0, $4)
            """, cancellationToken, snapshot, source, sha256, Credit ?? layer.Credit ?? Path.GetFileName(source));

        // The parcels go through a staging table so that they reach landuse_parcel in spatial order: its GiST index,
        // grown one row at a time, is as good as a sorted build only when neighbours arrive together (50k point probes:
        // 0.81 s in geohash order, 1.61 s in file order; ADR 0046). Ids still follow the file's feature order, which is
        // the order "the first parcel stored" means where parcels overlap.
        await Sql.ExecuteAsync(connection, tx, """
            CREATE TEMP TABLE landuse_parcel_load ON COMMIT DROP AS
            SELECT snapshot, feature_no, class_code, class_name_th, class_name_en, is_green, land_class, geom, source
            FROM landuse_parcel WITH NO DATA
            """, cancellationToken);
        var count = 0;
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY landuse_parcel_load (snapshot, feature_no, class_code, class_name_th, class_name_en, is_green, land_class, geom,
                source)
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken))
        {
            foreach (var parcel in layer.Parcels())
            {
                await WriteRow(copy, snapshot, parcel, source, cancellationToken);
                if (++count % 1000 == 0)
                    progress?.Report(count);
            }
            await copy.CompleteAsync(cancellationToken);
        }
        progress?.Report(count);
        await Sql.ExecuteAsync(connection, tx, """
            INSERT INTO landuse_parcel (id, snapshot, feature_no, class_code, class_name_th, class_name_en, is_green, land_class,
                                        geom, source)
            OVERRIDING SYSTEM VALUE
            SELECT id, snapshot, feature_no, class_code, class_name_th, class_name_en, is_green, land_class, geom, source
            FROM (SELECT nextval(pg_get_serial_sequence('landuse_parcel', 'id')) AS id, l.*
                  FROM (SELECT * FROM landuse_parcel_load ORDER BY feature_no) l) numbered
            ORDER BY ST_GeoHash(ST_Centroid(geom)) COLLATE "C"
            """, cancellationToken);
        await Sql.ExecuteAsync(connection, tx, "DROP TABLE landuse_parcel_load", cancellationToken);
        // The statistics must know the new parcels before the queries below are planned: with a snapshot the planner
        // believes empty, the overlap self-join and the dissolve per district scan all of it once per parcel or district.
        await Sql.ExecuteAsync(connection, tx, "ANALYZE landuse_parcel", cancellationToken);

        await Sql.ExecuteAsync(connection, tx, """
            UPDATE landuse_snapshot
            SET parcels = $2, extent = (SELECT ST_SetSRID(ST_Extent(geom)::geometry, $3) FROM landuse_parcel WHERE snapshot = $1)
            WHERE snapshot = $1
            """, cancellationToken, snapshot, count, Srid.Wgs84);
        // Every stored detection in the snapshot's extent, looked up once in its parcels.
        await Sql.ExecuteAsync(connection, tx, "SELECT hotspot_land_count_add(NULL, NULL, NULL, $1)", cancellationToken, snapshot);
        var totals = await TotalsAsync(connection, tx, snapshot, cancellationToken);
        await LandUseGreen.RefreshAsync(connection, tx, [snapshotYear], null, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new LandUseImportResult(snapshotYear, source, sha256, count, totals.Green, replaced,
            Rai.FromSquareMetres(totals.AreaM2), Rai.FromSquareMetres(totals.GreenM2), layer.Repairs, clock.Elapsed)
        {
            OverlappingParcels = totals.Overlapping,
            OverlapRai = Rai.FromSquareMetres(totals.SumM2 - totals.AreaM2),
        };
    }

    private static async Task WriteRow(NpgsqlBinaryImporter copy, short snapshot, LandUseParcel parcel, string source, CancellationToken ct)
    {
        await copy.StartRowAsync(ct);
        await copy.WriteAsync(snapshot, NpgsqlDbType.Smallint, ct);
        await copy.WriteAsync(parcel.FeatureNumber, NpgsqlDbType.Integer, ct);
        await copy.WriteAsync(parcel.ClassCode, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(parcel.NameTh, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(parcel.NameEn, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(parcel.IsGreen, NpgsqlDbType.Boolean, ct);
        await copy.WriteAsync(HotspotLandClasses.Code(parcel.LandClass), NpgsqlDbType.Text, ct);
        await copy.WriteAsync(parcel.Geometry, NpgsqlDbType.Geometry, ct);
        await copy.WriteAsync(source, NpgsqlDbType.Text, ct);
    }

    // Areas on the ellipsoid (geography), as every area the project reports, of the union: parcels of one survey may
    // overlap (digitising slivers, two classes drawn over one place), and land under two parcels is still one place.
    // Overlap means interiors share an area ('2********'), not a common edge.
    private static async Task<(int Green, double AreaM2, double GreenM2, double SumM2, int Overlapping)> TotalsAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, short snapshot, CancellationToken ct)
    {
        await using var command = Sql.Command(connection, tx, """
            SELECT count(*) FILTER (WHERE is_green)::int,
                   coalesce(ST_Area(ST_Union(geom)::geography), 0),
                   coalesce(ST_Area(ST_Union(geom) FILTER (WHERE is_green)::geography), 0),
                   coalesce(sum(ST_Area(geom::geography)), 0),
                   (SELECT count(DISTINCT a.id)::int FROM landuse_parcel a JOIN landuse_parcel b
                      ON b.snapshot = a.snapshot AND b.id <> a.id AND a.geom && b.geom AND ST_Relate(a.geom, b.geom, '2********')
                    WHERE a.snapshot = $1)
            FROM landuse_parcel WHERE snapshot = $1
            """, snapshot);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt32(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetInt32(4));
    }

    /// <summary>SHA-256 over the file and, for a shapefile, its sidecars (attributes and CRS live there).</summary>
    private static async Task<string> HashAsync(LandUseLayer layer, CancellationToken ct)
    {
        string[] sidecars = layer.Format == "Shapefile" ? [".shx", ".dbf", ".prj", ".cpg"] : [];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        foreach (var file in sidecars.Select(e => Path.ChangeExtension(layer.Path, e)).Prepend(layer.Path).Where(File.Exists))
        {
            await using var stream = File.OpenRead(file);
            int read;
            while ((read = await stream.ReadAsync(buffer, ct)) > 0)
                hash.AppendData(buffer, 0, read);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

/// <summary>What a land-use import stored.</summary>
/// <param name="Snapshot">Buddhist Era year.</param>
/// <param name="Source">Full path of the file.</param>
/// <param name="Parcels">Parcels stored.</param>
/// <param name="GreenParcels">Of those, parcels of green classes.</param>
/// <param name="ReplacedParcels">Parcels the snapshot held before (0 for a new snapshot).</param>
/// <param name="AreaRai">Area of all parcels, in rai on the ellipsoid: of their union, so overlaps count once.</param>
/// <param name="GreenAreaRai">Area of the green parcels, in rai on the ellipsoid: of their union.</param>
/// <param name="Repairs">Invalid polygons repaired while reading.</param>
public sealed record LandUseImportResult(
    int Snapshot,
    string Source,
    string Sha256,
    int Parcels,
    int GreenParcels,
    int ReplacedParcels,
    double AreaRai,
    double GreenAreaRai,
    IReadOnlyList<LandUseRepair> Repairs,
    TimeSpan Elapsed)
{
    /// <summary>Parcels whose interior overlaps another parcel's (0 in a clean survey).</summary>
    public int OverlappingParcels { get; init; }

    /// <summary>Rai under more than one parcel: the parcels' summed area less their union (counted once per extra layer).</summary>
    public double OverlapRai { get; init; }
}
