using System.Globalization;
using System.Text.Json.Nodes;
using Gis.Importers.Store;
using Npgsql;

namespace Gis.Importers.Planning;

/// <summary>
/// One planner edit or undo: a transaction holding the planner's lock, with the state snapshots and restores the
/// audit history needs. State is addressed by keys (<c>area:12</c>, <c>project:CODE</c>,
/// <c>allocation:2569:50</c>); a snapshot is the row(s) as a JSON object (geometry as hex EWKB, exact), or null
/// when absent.
/// </summary>
internal sealed class PlannerTransaction : IAsyncDisposable
{
    // Any constant shared by all gis processes; the value means nothing. One planner edit at a time keeps the
    // "is a later change in the way" check of an undo true until its commit.
    private const long LockKey = 0x706c_616e_6e65_72;

    /// <summary>History source of a change made on the workstation's page.</summary>
    public const string PageSource = "page";

    /// <summary>History source of a change made by a <c>gis</c> command (<c>allocate</c>, <c>import projects</c>).</summary>
    public const string CliSource = "cli";

    private PlannerTransaction(NpgsqlConnection connection, NpgsqlTransaction tx, long? startVersion = null) =>
        (Connection, Tx, StartVersion) = (connection, tx, startVersion);

    public NpgsqlConnection Connection { get; }

    public NpgsqlTransaction Tx { get; }

    /// <summary>
    /// The <c>planner_version</c> sequence value taken once the lock was held: every row this change writes gets a higher
    /// version, every row written before it a lower one (ADR 0035). Null in a read transaction.
    /// </summary>
    public long? StartVersion { get; }

    public static async Task<PlannerTransaction> BeginAsync(GisStore store, CancellationToken ct)
    {
        var connection = await store.DataSource.OpenConnectionAsync(ct);
        try
        {
            var tx = await connection.BeginTransactionAsync(ct);
            await Sql.ExecuteAsync(connection, tx, "SELECT pg_advisory_xact_lock($1)", ct, LockKey);
            return new PlannerTransaction(connection, tx, await Sql.ScalarAsync<long>(connection, tx, "SELECT nextval('planner_version')",
                ct));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A transaction that only reads, without the planner's lock, over one snapshot of the store: the history as listed
    /// and the states it is compared with are of the same moment.
    /// </summary>
    public static async Task<PlannerTransaction> BeginReadAsync(GisStore store, CancellationToken ct)
    {
        var connection = await store.DataSource.OpenConnectionAsync(ct);
        try
        {
            var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
            return new PlannerTransaction(connection, tx);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public static string AreaKey(long id) => "area:" + id.ToString(CultureInfo.InvariantCulture);

    public static string ProjectKey(string code) => "project:" + code;

    public static string AllocationKey(int year, string provinceCode) =>
        "allocation:" + year.ToString(CultureInfo.InvariantCulture) + ":" + provinceCode;

    public Task<int> ExecuteAsync(string sql, CancellationToken ct, params object?[] parameters) => Sql.ExecuteAsync(Connection, Tx, sql,
        ct, parameters);

    public Task<T> ScalarAsync<T>(string sql, CancellationToken ct, params object?[] parameters) => Sql.ScalarAsync<T>(Connection, Tx, sql,
        ct, parameters);

    public NpgsqlCommand Command(string sql, params object?[] parameters) => Sql.Command(Connection, Tx, sql, parameters);

    /// <summary>
    /// The state of each key now, as a JSON object key -> row(s) or null. Without the rows' versions: a state is what a
    /// planner sees, and states recorded before versions were kept must compare equal to the same rows now.
    /// </summary>
    public async Task<JsonObject> SnapshotAsync(IEnumerable<string> keys, CancellationToken ct)
    {
        var state = new JsonObject();
        foreach (var key in keys)
            state[key] = await SnapshotAsync(key, ct);
        return state;
    }

    private async Task<JsonNode?> SnapshotAsync(string key, CancellationToken ct)
    {
        var json = Parse(key) switch
        {
            ("area", [var id]) => await ScalarAsync<string?>("""
                SELECT jsonb_build_object('id', id, 'project_code', project_code, 'year', year, 'name', name, 'recorded_on', recorded_on,
                                          'source', source, 'area_rai', area_rai, 'geom', encode(ST_AsEWKB(geom), 'hex'))::text
                FROM project_area WHERE id = $1
                """, ct, long.Parse(id, CultureInfo.InvariantCulture)),
            ("project", [var code]) => await ScalarAsync<string?>("""
                SELECT ((to_jsonb(p) - 'version') || jsonb_build_object('districts',
                        coalesce((SELECT jsonb_agg(district_code ORDER BY district_code) FROM plan_project_district
                                  WHERE project_code = p.code), '[]')))::text
                FROM plan_project p WHERE code = $1
                """, ct, code),
            ("allocation", [var year, var province]) => await ScalarAsync<string?>("""
                SELECT jsonb_agg(to_jsonb(d) - 'version' ORDER BY district_code)::text FROM district_allocation d
                WHERE year = $1 AND left(district_code, 2) = $2
                """, ct, short.Parse(year, CultureInfo.InvariantCulture), province),
            _ => throw new ArgumentException($"not a planner state key: {key}", nameof(key)),
        };
        return json is null ? null : JsonNode.Parse(json);
    }

    /// <summary>
    /// Puts every key of <paramref name="state"/> back as it is there: absent rows are deleted, present ones written
    /// with their original ids. Deletes run before writes, areas before projects (and the reverse for writes), so
    /// foreign keys hold at every step.
    /// </summary>
    public async Task RestoreAsync(JsonObject state, CancellationToken ct)
    {
        static int Order(string key) => Parse(key).Kind switch { "project" => 0, "allocation" => 1, _ => 2 };
        foreach (var (key, row) in state.Where(s => s.Value is null).OrderByDescending(s => Order(s.Key)))
            await DeleteAsync(key, ct);
        foreach (var (key, row) in state.Where(s => s.Value is not null).OrderBy(s => Order(s.Key)))
            await WriteAsync(key, row!, ct);
    }

    private async Task DeleteAsync(string key, CancellationToken ct)
    {
        switch (Parse(key))
        {
            case ("area", [var id]):
                await ExecuteAsync("DELETE FROM project_area WHERE id = $1", ct, long.Parse(id, CultureInfo.InvariantCulture));
                break;
            case ("project", [var code]):
                // Deleting a project cascades to its areas: only an empty project may go.
                var areas = await ScalarAsync<long>("SELECT count(*) FROM project_area WHERE project_code = $1", ct, code);
                if (areas > 0)
                    throw new PlannerException(PlannerRefusal.Conflict,
                        $"project {code} has {areas} area(s) now; it cannot be removed while it has any");
                await ExecuteAsync("DELETE FROM plan_project WHERE code = $1", ct, code);
                break;
            case ("allocation", [var year, var province]):
                await ExecuteAsync("DELETE FROM district_allocation WHERE year = $1 AND left(district_code, 2) = $2", ct,
                    short.Parse(year, CultureInfo.InvariantCulture), province);
                break;
            default:
                throw new ArgumentException($"not a planner state key: {key}", nameof(key));
        }
    }

    private async Task WriteAsync(string key, JsonNode row, CancellationToken ct)
    {
        var json = row.ToJsonString();
        switch (Parse(key))
        {
            case ("area", _):
                // The geometry travels as hex EWKB text, which PostGIS reads back bit for bit.
                await ExecuteAsync("""
                    INSERT INTO project_area (id, project_code, year, name, recorded_on, geom, source) OVERRIDING SYSTEM VALUE
                    SELECT r.id, r.project_code, r.year, r.name, r.recorded_on, r.geom, r.source
                    FROM jsonb_populate_record(NULL::project_area, $1::jsonb) r
                    ON CONFLICT (id) DO UPDATE SET project_code = excluded.project_code, year = excluded.year, name = excluded.name,
                        recorded_on = excluded.recorded_on, geom = excluded.geom, source = excluded.source
                    """, ct, json);
                break;
            case ("project", [var code]):
                await ExecuteAsync("""
                    INSERT INTO plan_project SELECT r.* FROM jsonb_populate_record(NULL::plan_project, $1::jsonb) r
                    ON CONFLICT (code) DO UPDATE SET name_th = excluded.name_th, name_en = excluded.name_en, agency = excluded.agency,
                        fiscal_year = excluded.fiscal_year, budget_thb = excluded.budget_thb, issue_group = excluded.issue_group,
                        target_kind = excluded.target_kind, target_value = excluded.target_value, target_unit = excluded.target_unit,
                        source = excluded.source, imported_at = excluded.imported_at
                    """, ct, json);
                await ExecuteAsync("DELETE FROM plan_project_district WHERE project_code = $1", ct, code);
                await ExecuteAsync("""
                    INSERT INTO plan_project_district (project_code, district_code)
                    SELECT $1, jsonb_array_elements_text($2::jsonb -> 'districts')
                    """, ct, code, json);
                break;
            case ("allocation", [var year, var province]):
                await DeleteAsync(key, ct);
                await ExecuteAsync("""
                    INSERT INTO district_allocation SELECT r.* FROM jsonb_populate_recordset(NULL::district_allocation, $1::jsonb) r
                    """, ct, json);
                break;
            default:
                throw new ArgumentException($"not a planner state key: {key}", nameof(key));
        }
    }

    /// <summary>Adds the change to <c>planner_change</c> and returns its id.</summary>
    public Task<long> RecordAsync(PlannerChangeDraft change, CancellationToken ct) => ScalarAsync<long>("""
        INSERT INTO planner_change (changed_by, entity, entity_id, action, summary, summary_th, writes, reads, before, after, undoes,
                                    source, start_version)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11, $12, $13) RETURNING id
        """, ct, change.User, change.Entity, change.EntityId, change.Action, change.Summary.En, change.Summary.Th, change.Writes.ToArray(),
        change.Reads.ToArray(), change.Before.ToJsonString(), change.After.ToJsonString(), change.Undoes, change.Source, StartVersion);

    public Task CommitAsync(CancellationToken ct) => Tx.CommitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await Tx.DisposeAsync();
        await Connection.DisposeAsync();
    }

    private static (string Kind, string[] Parts) Parse(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
            return (key, []);
        var kind = key[..colon];
        // A project code may itself hold colons; allocation keys are year:province.
        return (kind, kind == "allocation" ? key[(colon + 1)..].Split(':') : [key[(colon + 1)..]]);
    }
}

/// <summary>What a change did, in English and in Thai: the page shows the history in its own language.</summary>
internal sealed record PlannerSummary(string En, string Th);

/// <summary>What <see cref="PlannerTransaction.RecordAsync"/> writes to the history.</summary>
/// <param name="Source"><see cref="PlannerTransaction.PageSource"/> or <see cref="PlannerTransaction.CliSource"/>: who made the
/// change, the workstation's page or a command-line run.</param>
internal sealed record PlannerChangeDraft(string User, string Entity, string EntityId, string Action, PlannerSummary Summary,
    IReadOnlyList<string> Writes, IReadOnlyList<string> Reads, JsonObject Before, JsonObject After, long? Undoes = null,
    string Source = PlannerTransaction.PageSource);
