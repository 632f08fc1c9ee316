using Npgsql;

namespace Gis.Importers.Store;

/// <summary>Small helpers for the store's fixed SQL text; values always travel as positional parameters ($1, $2...).</summary>
internal static class Sql
{
    public static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, params object?[] parameters)
    {
#pragma warning disable CA2100 // Callers pass constant SQL text of this assembly; values go in as parameters.
        var command = new NpgsqlCommand(sql, connection, tx);
#pragma warning restore CA2100
        foreach (var p in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = p ?? DBNull.Value });
        return command;
    }

    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken ct,
        params object?[] parameters)
    {
        await using var command = Command(connection, tx, sql, parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken ct,
        params object?[] parameters)
    {
        await using var command = Command(connection, tx, sql, parameters);
        // SQL NULL comes back as DBNull: a nullable T gets null for it.
        return await command.ExecuteScalarAsync(ct) is { } value and not DBNull ? (T)value : default!;
    }
}
