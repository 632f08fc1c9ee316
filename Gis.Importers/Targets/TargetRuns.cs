using System.Text.Json;
using Gis.Importers.Store;
using Npgsql;

namespace Gis.Importers.Targets;

/// <summary>
/// The parameters a saved target table was computed with, one row of <c>target_run</c> (ADR 0016). Null members were
/// not given (no filter, or a member of the other kind of run).
/// </summary>
/// <param name="Kind"><c>hotspot</c> or <c>green</c>.</param>
/// <param name="ProvinceCode">The province whose districts were computed; null for every imported district.</param>
/// <param name="Instrument">VIIRS or MODIS; null for both series.</param>
/// <param name="Satellites">Satellite codes, comma-separated; null for every satellite of the series.</param>
/// <param name="Extra">Further parameters kept only in the <c>parameters</c> jsonb (e.g. per-district targets and caps).</param>
public sealed record TargetRunParameters(
    string Kind,
    string? ProvinceCode,
    string? Period = null,
    string? Baseline = null,
    string? CountMode = null,
    string? Source = null,
    string? Instrument = null,
    string? Satellites = null,
    string? Confidences = null,
    string? DayNight = null,
    string? Types = null,
    double? TargetPercent = null,
    int? FromSnapshot = null,
    int? ToSnapshot = null,
    int? Year = null,
    IReadOnlyDictionary<string, object?>? Extra = null);

/// <summary>Writes <c>target_run</c> rows: a saved result is a new run, never an overwrite of an earlier one.</summary>
internal static class TargetRuns
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
    };

    /// <summary>Inserts the run in <paramref name="tx"/> and returns its id, for the result rows to reference.</summary>
    /// <param name="savedBy">Who saved it (the user name of the command or workstation session).</param>
    public static async Task<long> InsertAsync(GisStore store, NpgsqlConnection connection, NpgsqlTransaction tx,
        TargetRunParameters run, string savedBy, CancellationToken ct)
    {
        // The version when saving; an import committed between computing and saving would make it newer than the
        // numbers, so callers save right after computing (the command line does, in the same invocation).
        var version = await DataVersion.ReadAsync(store, ct);
        var parameters = new Dictionary<string, object?>(run.Extra ?? new Dictionary<string, object?>());
        foreach (var (name, value) in JsonSerializer.SerializeToElement(run with { Extra = null }, JsonOptions).EnumerateObject()
                     .Where(p => p.Name != "extra" && p.Value.ValueKind != JsonValueKind.Null).Select(p => (p.Name, p.Value)))
            parameters[name] = value;
        return await Sql.ScalarAsync<long>(connection, tx, """
            INSERT INTO target_run (kind, province_code, period, baseline, count_mode, source, instrument, satellites, confidences,
                daynight, types, target_pct, from_snapshot, to_snapshot, year, parameters, data_version, saved_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::jsonb, $17, $18)
            RETURNING id
            """, ct, run.Kind, run.ProvinceCode, run.Period, run.Baseline, run.CountMode, run.Source, run.Instrument, run.Satellites,
            run.Confidences, run.DayNight, run.Types, run.TargetPercent, (short?)run.FromSnapshot, (short?)run.ToSnapshot,
            (short?)run.Year, JsonSerializer.Serialize(parameters, JsonOptions),
            FormattableString.Invariant($"hotspots {version.Hotspots}, boundaries {version.Boundaries}, ")
            + FormattableString.Invariant($"landuse {version.LandUse}, plans {version.Plans}"), savedBy);
    }
}
