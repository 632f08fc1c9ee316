using Gis.Importers.Store;
using Gis.TestSupport;

namespace Gis.Importers.Tests.Store;

/// <summary>The settings the store's sessions run with (ADR 0029): no JIT unless the connection string asks for it.</summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class StoreSessionTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await PostGis.NewDatabaseAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Sessions_JitOff()
    {
        Assert.Equal("off", await _db.ScalarAsync<string>("SHOW jit"));
    }

    [Fact]
    public async Task ConnectionStringSettingJit_Kept()
    {
        await using var store = await GisStore.OpenAsync(_db.ConnectionString + ";Options=-c jit=on -c work_mem=5MB");
        await using var connection = await store.DataSource.OpenConnectionAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT current_setting('jit') || ' ' || current_setting('work_mem')", connection);
        Assert.Equal("on 5MB", await command.ExecuteScalarAsync());
    }
}
