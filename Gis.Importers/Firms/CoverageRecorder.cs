using Gis.Core;
using Gis.Core.Hotspots;
using Gis.Importers.Store;
using Npgsql;

namespace Gis.Importers.Firms;

/// <summary>
/// What an import vouches for beyond its rows: the Bangkok local days <paramref name="From"/> to <paramref name="To"/>
/// were delivered complete, so a day among them without a detection is a day with zero detections (ADR 0015).
/// </summary>
/// <param name="Area">The box the claim holds for; null when not stated (read as: wherever the file's rows lie).</param>
/// <param name="Series">The series claimed; null for the series the input's rows belong to.</param>
/// <param name="Basis"><c>declared</c> (stated on import) or <c>pull</c> (asked of the FIRMS API).</param>
public sealed record CoverageClaim(DateOnly From, DateOnly To, BoundingBox? Area, IReadOnlyList<CoveredSeries>? Series,
    string Basis = CoverageClaim.Declared)
{
    public const string Declared = "declared";
    public const string Pull = "pull";
}

/// <summary>One series of a source: a satellite, near-real-time or standard.</summary>
public sealed record CoveredSeries(Satellite Satellite, bool IsNrt);

/// <summary>
/// Writes <c>data_coverage</c> in an import's transaction: every series of the batch covers the span of days its
/// detections lie in (first to last, gaps inside the span included: a file delivered those days), and a
/// <see cref="CoverageClaim"/> adds the days it states. One place, so files, pulls and GISTDA exports agree.
/// </summary>
internal static class CoverageRecorder
{
    /// <summary>Records the coverage of <paramref name="batchId"/> from its staged rows and <paramref name="claim"/>.</summary>
    /// <remarks>Reads the import's staging table (<c>hotspot_stage</c> or <c>gistda_stage</c>), so call it before commit.</remarks>
    public static async Task RecordAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long batchId, HotspotSource source,
        CoverageClaim? claim, CancellationToken ct)
    {
        var (stage, nrt) = source == HotspotSource.Gistda
            ? ("gistda_stage", "false")
            : ("hotspot_stage", "coalesce(version LIKE '%NRT', false)");
        // The staged rows, not the stored ones: a re-delivered detection is dropped as a duplicate, but its file still
        // delivered its day.
        await Sql.ExecuteAsync(connection, tx, $"""
            INSERT INTO data_coverage (batch_id, source, satellite, instrument, is_nrt, day, basis)
            SELECT $1, $2, s.satellite, s.instrument, s.is_nrt, d::date, 'detections'
            FROM (SELECT satellite, instrument, {nrt} AS is_nrt, min(local_day) AS first, max(local_day) AS last
                  FROM {stage} GROUP BY 1, 2, 3) s
            CROSS JOIN LATERAL generate_series(s.first, s.last, interval '1 day') d
            ON CONFLICT ON CONSTRAINT data_coverage_identity DO NOTHING
            """, ct, batchId, HotspotSources.Code(source));
        if (claim is null)
            return;

        var series = claim.Series ?? await StagedSeriesAsync(connection, tx, stage, nrt, ct);
        var area = claim.Area;
        await Sql.ExecuteAsync(connection, tx, """
            INSERT INTO data_coverage (batch_id, source, satellite, instrument, is_nrt, day, basis, area)
            SELECT $1, $2, s.satellite, s.instrument, s.is_nrt, d::date, $6,
                   CASE WHEN $7::double precision IS NULL THEN NULL ELSE ST_MakeEnvelope($7, $8::float8, $9::float8, $10::float8, $11) END
            FROM unnest($3::text[], $4::text[], $5::boolean[]) AS s(satellite, instrument, is_nrt)
            CROSS JOIN LATERAL generate_series($12::date, $13::date, interval '1 day') d
            ON CONFLICT ON CONSTRAINT data_coverage_identity DO UPDATE SET basis = excluded.basis, area = excluded.area
            """, ct, batchId, HotspotSources.Code(source),
            series.Select(s => Satellites.Code(s.Satellite)).ToArray(),
            series.Select(s => Satellites.Instrument(s.Satellite)).ToArray(),
            series.Select(s => s.IsNrt).ToArray(),
            claim.Basis,
            area?.West, area?.South, area?.East, area?.North, Srid.Wgs84,
            claim.From, claim.To);
    }

    private static async Task<List<CoveredSeries>> StagedSeriesAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string stage,
        string nrt, CancellationToken ct)
    {
        var series = new List<CoveredSeries>();
        await using var command = Sql.Command(connection, tx, $"SELECT DISTINCT satellite, {nrt} FROM {stage}");
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (Satellites.TryParse(reader.GetString(0), out var satellite))
                series.Add(new CoveredSeries(satellite.Value, reader.GetBoolean(1)));
        }
        return series;
    }
}
