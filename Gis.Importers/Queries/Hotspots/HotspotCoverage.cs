using Gis.Core.Hotspots;
using Gis.Core.Periods;
using Gis.Importers.Store;

namespace Gis.Importers.Queries.Hotspots;

/// <summary>One series' covered days: what <c>gis coverage</c> lists.</summary>
/// <param name="Source"><c>firms</c> or <c>gistda</c>.</param>
/// <param name="Bases">How the days came to be covered: detections, declared, pull.</param>
public sealed record SeriesCoverage(string Source, string Satellite, string Instrument, bool IsNrt, IReadOnlyList<string> Bases,
    Coverage Coverage);

/// <summary>
/// Which Bangkok local days the store holds data for (table <c>data_coverage</c>, ADR 0015), for the series a
/// <see cref="HotspotFilter"/> selects: its instrument and satellites (confidence, day/night and type narrow detections,
/// not days). A day is covered when any selected series covers it. With a province, a claim whose box misses the
/// province does not count; a claim without a box (a file's span) counts everywhere.
/// </summary>
public sealed class HotspotCoverage(GisStore store, HotspotSource source = HotspotSource.Firms)
{
    /// <summary>The coverage of each period, in order (one query over the days from the earliest to the latest).</summary>
    /// <param name="provinceCode">Two-digit DOPA code, or null for anywhere.</param>
    public async Task<IReadOnlyList<Coverage>> OfPeriodsAsync(IReadOnlyList<Period> periods, HotspotFilter filter, string? provinceCode,
        CancellationToken cancellationToken = default)
    {
        if (periods.Count == 0)
            return [];
        var days = new List<DateOnly>();
        await using (var connection = await store.DataSource.OpenConnectionAsync(cancellationToken))
        await using (var command = Sql.Command(connection, null, $"""
            SELECT DISTINCT c.day FROM data_coverage c
            WHERE c.source = $1 AND c.day BETWEEN $2 AND $3 AND {Selected}
            ORDER BY 1
            """, HotspotSources.Code(source), periods.Min(p => p.From), periods.Max(p => p.To), filter.Instrument,
            filter.Satellites?.ToArray(), provinceCode))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                days.Add(reader.GetFieldValue<DateOnly>(0));
        }
        return periods.Select(p => Coverage.Of(p.From, p.To, days)).ToList();
    }

    /// <summary>
    /// <see cref="OfPeriodsAsync"/> for every province with imported districts at once (one query): a claim with a box
    /// counts for the provinces it meets, one without for all.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<Coverage>>> OfPeriodsByProvinceAsync(IReadOnlyList<Period> periods,
        HotspotFilter filter, CancellationToken cancellationToken = default)
    {
        var days = new Dictionary<string, List<DateOnly>>(StringComparer.Ordinal);
        if (periods.Count > 0)
        {
            await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
            await using var command = Sql.Command(connection, null, $"""
                SELECT p.code, c.day
                FROM (SELECT DISTINCT province_code AS code FROM admin_area WHERE level = 4) p
                LEFT JOIN data_coverage c ON c.source = $1 AND c.day BETWEEN $2 AND $3 AND {SelectedIn("p.code")}
                GROUP BY 1, 2 ORDER BY 1, 2
                """, HotspotSources.Code(source), periods.Min(p => p.From), periods.Max(p => p.To), filter.Instrument,
                filter.Satellites?.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (!days.TryGetValue(reader.GetString(0), out var list))
                    days[reader.GetString(0)] = list = [];
                if (!reader.IsDBNull(1))
                    list.Add(reader.GetFieldValue<DateOnly>(1));
            }
        }
        return days.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<Coverage>)[.. periods.Select(p => Coverage.Of(p.From, p.To, kv.Value))],
            StringComparer.Ordinal);
    }

    /// <summary>The coverage of one period.</summary>
    public async Task<Coverage> OfPeriodAsync(Period period, HotspotFilter filter, string? provinceCode,
        CancellationToken cancellationToken = default) =>
        (await OfPeriodsAsync([period], filter, provinceCode, cancellationToken))[0];

    /// <summary>
    /// Every stored series with its covered days between <paramref name="from"/> and <paramref name="to"/>, gaps included.
    /// </summary>
    public async Task<IReadOnlyList<SeriesCoverage>> BySeriesAsync(DateOnly from, DateOnly to, string? provinceCode,
        CancellationToken cancellationToken = default)
    {
        var rows = new List<SeriesCoverage>();
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, $"""
            SELECT c.satellite, c.instrument, c.is_nrt, array_agg(DISTINCT c.basis ORDER BY c.basis),
                   array_agg(DISTINCT c.day ORDER BY c.day)
            FROM data_coverage c
            WHERE c.source = $1 AND c.day BETWEEN $2 AND $3 AND {Selected}
            GROUP BY 1, 2, 3
            ORDER BY 2, 1, 3
            """, HotspotSources.Code(source), from, to, null, null, provinceCode);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new SeriesCoverage(HotspotSources.Code(source), reader.GetString(0), reader.GetString(1), reader.GetBoolean(2),
                reader.GetFieldValue<string[]>(3), Coverage.Of(from, to, reader.GetFieldValue<DateOnly[]>(4))));
        }
        return rows;
    }

    /// <summary>The first and last covered day of the source, any series; null when nothing is covered.</summary>
    public async Task<(DateOnly First, DateOnly Last)?> ExtentAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, "SELECT min(day), max(day) FROM data_coverage WHERE source = $1",
            HotspotSources.Code(source));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.IsDBNull(0) ? null : (reader.GetFieldValue<DateOnly>(0), reader.GetFieldValue<DateOnly>(1));
    }

    /// <summary>The Bangkok days one import batch covers (its detections' span and what it claimed), in order.</summary>
    public async Task<IReadOnlyList<DateOnly>> OfBatchAsync(long batchId, CancellationToken cancellationToken = default)
    {
        var days = new List<DateOnly>();
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, "SELECT DISTINCT day FROM data_coverage WHERE batch_id = $1 ORDER BY 1",
            batchId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            days.Add(reader.GetFieldValue<DateOnly>(0));
        return days;
    }

    // $4 instrument, $5 satellites, $6 province: a null value does not narrow.
    private static readonly string Selected = SelectedIn("$6");

    /// <summary>The claims that count for the series $4, $5 in <paramref name="province"/> (a parameter or a column).</summary>
    internal static string SelectedIn(string province) => $"""
        ($4::text IS NULL OR c.instrument = $4) AND ($5::text[] IS NULL OR c.satellite = ANY($5))
              AND (c.area IS NULL OR {province}::text IS NULL OR EXISTS (
                  SELECT 1 FROM admin_area a
                  WHERE (a.code = {province} OR (a.level = 4 AND a.province_code = {province})) AND ST_Intersects(a.geom, c.area)))
        """;
}
