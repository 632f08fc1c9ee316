using System.Globalization;
using Gis.Importers.Store;

namespace Gis.Importers.Firms;

/// <summary>What the stored batches say about earlier pulls from a live feed, so a watcher can resume where it stopped.</summary>
public sealed class FirmsPullHistory(GisStore store)
{
    /// <summary>
    /// The last UTC day covered by a stored pull whose batch name starts with <paramref name="prefix"/>
    /// (e.g. <c>firms-api:VIIRS_NOAA20_NRT:98.01,17.242,99.573,20.142:</c>), or null when there is none.
    /// </summary>
    /// <remarks>
    /// Read from <c>import_batch</c> rather than kept in a table of its own: a batch exists exactly when a pull was
    /// stored, so the two cannot disagree after a crash. A name ends in <c>days:date</c> (the days start on date) or
    /// <c>days:latest</c> (the days end on the UTC day the pull started).
    /// </remarks>
    public async Task<DateOnly?> LastCoveredDayAsync(string prefix, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        // starts_with, not LIKE: FIRMS source names contain '_', a LIKE wildcard.
        await using var command = Sql.Command(connection, null, """
            SELECT source, (started_at AT TIME ZONE 'UTC')::date FROM import_batch
            WHERE kind = 'firms' AND status = 'stored' AND starts_with(source, $1)
            """, prefix);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        DateOnly? last = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var parts = reader.GetString(0)[prefix.Length..].Split(':');
            if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var days))
                continue;
            DateOnly? end = parts[1] == "latest" ? reader.GetFieldValue<DateOnly>(1)
                : DateOnly.TryParseExact(parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
                    ? first.AddDays(days - 1)
                : null;
            if (end > last || last is null)
                last = end ?? last;
        }
        return last;
    }
}
