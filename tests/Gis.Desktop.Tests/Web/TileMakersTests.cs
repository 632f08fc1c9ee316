using Gis.Desktop.Api;
using Gis.TestSupport;

namespace Gis.Desktop.Tests.Web;

/// <summary>
/// <see cref="TileCache"/> makes at most <see cref="DesktopOptions.TileMakers"/> tiles at once (the rest wait their turn),
/// and a tile asked for twice at once is made once.
/// </summary>
[Trait(Needs.Trait, Needs.PostGis)]
public sealed class TileMakersTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await PostGis.NewDatabaseAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task GetOrMake_TenTilesAskedAtOnce_NeverMoreThanTheMakersInFlight_AndEveryTileMade()
    {
        using var cache = new TileCache(new DesktopOptions { TileMakers = 3 });
        var (inFlight, most) = (0, 0);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<byte[]> Make(int i)
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref most, now);
            await gate.Task;
            Interlocked.Decrement(ref inFlight);
            return [(byte)i];
        }

        var tiles = Enumerable.Range(0, 10).Select(i => cache.GetOrMakeAsync($"t{i}", _db.Store, _ => Make(i), default)).ToList();
        // Every request that can start has started: three makers, seven waiting.
        await WaitUntilAsync(() => Volatile.Read(ref inFlight) == 3);
        await Task.Delay(200);
        Assert.Equal(3, Volatile.Read(ref inFlight));
        gate.SetResult();

        Assert.Equal(Enumerable.Range(0, 10).Select(i => (byte)i), (await Task.WhenAll(tiles)).Select(t => Assert.Single(t)));
        Assert.Equal(3, most);
    }

    [Fact]
    public async Task GetOrMake_OneTileAskedTwiceAtOnce_MadeOnce()
    {
        using var cache = new TileCache(new DesktopOptions { TileMakers = 1 });
        var made = 0;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<byte[]> Make()
        {
            Interlocked.Increment(ref made);
            await gate.Task;
            return [42];
        }

        var first = cache.GetOrMakeAsync("same", _db.Store, _ => Make(), default);
        var second = cache.GetOrMakeAsync("same", _db.Store, _ => Make(), default);
        await WaitUntilAsync(() => Volatile.Read(ref made) == 1);
        gate.SetResult();

        Assert.Equal([[42], [42]], await Task.WhenAll(first, second));
        Assert.Equal(1, made);
    }

    [Fact]
    public void Validate_NoTileMakers_Refused()
    {
        var refused = Assert.Throws<ArgumentException>(() => new DesktopOptions { TileMakers = 0 }.Validate());
        Assert.Contains("at least 1", refused.Message, StringComparison.Ordinal);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
            await Task.Delay(20);
        Assert.True(condition(), "timed out");
    }
}
