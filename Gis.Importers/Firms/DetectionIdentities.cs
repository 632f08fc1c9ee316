using System.Runtime.CompilerServices;
using Gis.Core.Hotspots;
using Gis.Core.Time;
using Gis.Importers.Store;
using Npgsql;

namespace Gis.Importers.Firms;

/// <summary>
/// The identities (satellite, acquisition time, latitude, longitude, NRT or not) an import has met, per Bangkok day:
/// those stored before it, loaded the first time the file reaches the day, and those the file delivered. A detection
/// whose identity is here is a duplicate; the stored one, or the first in the file, is the one kept.
/// </summary>
/// <remarks>
/// Kept per day because the store is asked per day (the days a file touches, never the whole table), and because
/// one large set would briefly hold two copies of itself whenever it grows. 16 bytes of key a detection in a sorted
/// array, plus at most an eighth of them in a hash set (<see cref="IdentityKeySet"/>): 4.5M detections in about 90 MB,
/// where hash sets of the same keys took about 165 MB (docs/benchmarks.md).
/// </remarks>
internal sealed class DetectionIdentities(Func<DateOnly, IAsyncEnumerable<DetectionIdentity>> stored)
{
    private readonly Dictionary<DateOnly, Day> _days = [];

    /// <summary>Adds the detection's identity; false when it was there already (stored, or earlier in the file).</summary>
    public async ValueTask<bool> AddAsync(Hotspot h, CancellationToken ct)
    {
        var day = h.LocalDay;
        if (!_days.TryGetValue(day, out var set))
        {
            set = new Day(day);
            await foreach (var s in stored(day).WithCancellation(ct))
                set.Add(s);
            _days[day] = set;
        }
        return set.Add(DetectionIdentity.Of(h));
    }

    // Time as ticks since the start of the local day (a day and its UTC offset fit 40 bits), with the satellite and
    // NRT flag in the bits above: one word instead of three. Latitude and longitude as millionths of a degree when
    // that is exactly the double (FIRMS writes at most 5 or 6 decimals): 16 bytes a key. Any other position keeps its
    // doubles, in a set of its own; a position is always in the same one, so equal identities always meet.
    private sealed class Day(DateOnly day)
    {
        private readonly IdentityKeySet _compact = new();
        private HashSet<(ulong Time, double Latitude, double Longitude)>? _exact;

        public bool Add(DetectionIdentity d)
        {
            var sinceDay = (ulong)(d.AcquiredUtc.Ticks - Bangkok.StartUtc(day).Ticks);
            var tag = ((ulong)d.Satellite << 1) | (d.IsNrt ? 1UL : 0UL);
            var time = sinceDay | (tag << 48);
            return Millionths(d.Latitude) is { } lat && Millionths(d.Longitude) is { } lon
                ? _compact.Add(new IdentityKey(time, lat, lon))
                : (_exact ??= []).Add((time, d.Latitude, d.Longitude));
        }

        private static int? Millionths(double degrees)
        {
            var n = Math.Round(degrees * 1e6);
            return Math.Abs(n) < int.MaxValue && n / 1e6 == degrees ? (int)n : null;
        }
    }
}

/// <summary>A detection's identity within its day, packed exactly into 16 bytes (see <c>DetectionIdentities.Day</c>).</summary>
internal readonly record struct IdentityKey(ulong Time, int Latitude, int Longitude) : IComparable<IdentityKey>
{
    public int CompareTo(IdentityKey other)
    {
        var c = Time.CompareTo(other.Time);
        if (c == 0)
            c = Latitude.CompareTo(other.Latitude);
        return c != 0 ? c : Longitude.CompareTo(other.Longitude);
    }
}

/// <summary>
/// An exact set of <see cref="IdentityKey"/>s in about 16 bytes a key: a sorted array, and a hash set of the keys added
/// since the array was last rebuilt, merged into it once it holds an eighth as many (at least <see cref="MinRecent"/>).
/// </summary>
/// <remarks>
/// A hash set of the same keys costs 28-56 bytes a key (its entries carry the hash code and a link; it grows by
/// doubling). Here a lookup is one hash probe and a binary search (about 15 steps in a day of 30k detections); each key
/// is copied about nine times over the merges, cheap beside parsing its line.
/// </remarks>
internal sealed class IdentityKeySet
{
    /// <summary>Keys held in the hash set before a merge, however small the sorted array.</summary>
    internal const int MinRecent = 1024;

    private IdentityKey[] _sorted = [];
    private readonly HashSet<IdentityKey> _recent = [];

    public int Count => _sorted.Length + _recent.Count;

    /// <summary>Adds the key; false when it was there already.</summary>
    public bool Add(IdentityKey key)
    {
        if (Array.BinarySearch(_sorted, key) >= 0 || !_recent.Add(key))
            return false;
        if (_recent.Count >= Math.Max(MinRecent, _sorted.Length / 8))
            Merge();
        return true;
    }

    private void Merge()
    {
        var recent = new IdentityKey[_recent.Count];
        _recent.CopyTo(recent);
        Array.Sort(recent);
        var merged = new IdentityKey[_sorted.Length + recent.Length];
        int i = 0, j = 0, k = 0;
        // The two never share a key: a key goes into the hash set only when the search of the array missed it.
        while (i < _sorted.Length && j < recent.Length)
            merged[k++] = _sorted[i].CompareTo(recent[j]) < 0 ? _sorted[i++] : recent[j++];
        _sorted.AsSpan(i).CopyTo(merged.AsSpan(k));
        recent.AsSpan(j).CopyTo(merged.AsSpan(k + _sorted.Length - i));
        _sorted = merged;
        _recent.Clear();
    }
}

/// <summary>What makes two deliveries the same detection (the store's <c>hotspot_identity</c>).</summary>
internal readonly record struct DetectionIdentity(Satellite Satellite, DateTime AcquiredUtc, double Latitude, double Longitude,
    bool IsNrt)
{
    public static DetectionIdentity Of(Hotspot h) =>
        new(h.Satellite, h.AcquiredUtc, h.Latitude, h.Longitude, IsNrtAsStored(h.Version));

    /// <summary>As the store computes <c>is_nrt</c> (<c>version LIKE '%NRT'</c>), so both sides of a comparison agree.</summary>
    public static bool IsNrtAsStored(string version) => version.EndsWith("NRT", StringComparison.Ordinal);
}

/// <summary>
/// Reads the identities stored for a day on a connection of its own: the import's connection is busy streaming
/// rows. Stored rows are committed ones, and the import holds the detections write lock, so they cannot change.
/// </summary>
internal sealed class StoredIdentities(GisStore store) : IAsyncDisposable
{
    private NpgsqlConnection? _connection;

    public async IAsyncEnumerable<DetectionIdentity> OfDayAsync(DateOnly day, [EnumeratorCancellation] CancellationToken ct = default)
    {
        _connection ??= await store.DataSource.OpenConnectionAsync(ct);
        await using var command = Sql.Command(_connection, null,
            "SELECT satellite, acquired_utc, latitude, longitude, is_nrt FROM hotspot WHERE local_day = $1", day);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (Satellites.TryParse(reader.GetString(0), out var satellite))
            {
                yield return new DetectionIdentity(satellite.Value, reader.GetFieldValue<DateTime>(1), reader.GetDouble(2),
                    reader.GetDouble(3), reader.GetBoolean(4));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync();
    }
}
