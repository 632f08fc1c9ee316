using Gis.Core.Hotspots;
using Gis.Importers.Firms;

namespace Gis.Importers.Tests.Firms;

/// <summary>
/// The client's duplicate check against a plain set of whole identities: the packed keys must never merge two distinct
/// detections nor miss a repeated one, before and after the sorted array takes the recent keys in.
/// </summary>
public class DetectionIdentitiesTests
{
    private static readonly DateTime Noon = new(2026, 3, 10, 5, 0, 0, DateTimeKind.Utc);

    private static Hotspot At(double latitude, double longitude, DateTime utc, Satellite satellite = Satellite.Noaa20,
        string version = "2.0NRT") =>
        new(satellite, utc, longitude, latitude, Confidence.Nominal, null, 330, 290, 0.4, 0.4, 5.5, true, version, null);

    private static DetectionIdentities Empty() => new(_ => AsyncEnumerable.Empty<DetectionIdentity>());

    [Fact]
    public async Task AddAsync_NearIdenticalIdentities_AreDistinctAndEachRepeatIsFound()
    {
        var first = At(18.51235, 98.35369, Noon);
        Hotspot[] near =
        [
            first,
            first with { Latitude = 18.512351 },                       // a millionth apart
            first with { Longitude = 98.353691 },
            first with { Latitude = Math.BitIncrement(18.51235) },     // the next double: no exact millionths
            first with { Latitude = 98.35369, Longitude = 18.51235 },  // axes swapped
            first with { Latitude = -18.51235 },
            first with { AcquiredUtc = Noon.AddMinutes(1) },
            first with { AcquiredUtc = Noon.AddTicks(1) },
            first with { AcquiredUtc = Noon.AddDays(1) },              // the next day, same time of day
            first with { Satellite = Satellite.SuomiNpp },
            first with { Satellite = Satellite.Noaa21 },
            first with { Version = "2.0" },                            // standard, not NRT
            first with { Latitude = 0, Longitude = 0, AcquiredUtc = new DateTime(2026, 3, 9, 17, 0, 0, DateTimeKind.Utc) },
        ];
        var identities = Empty();

        foreach (var h in near)
            Assert.True(await identities.AddAsync(h, CancellationToken.None), h.ToString());
        // What is not part of the identity does not make a detection new.
        Assert.False(await identities.AddAsync(first with { FrpMw = 99, Confidence = Confidence.High, IsDay = false },
            CancellationToken.None));
        foreach (var h in near)
            Assert.False(await identities.AddAsync(h, CancellationToken.None), h.ToString());
    }

    [Fact]
    public async Task AddAsync_StoredIdentitiesOfTheDay_AreDuplicates()
    {
        var stored = At(18.5, 98.5, Noon);
        var identities = new DetectionIdentities(day => day == stored.LocalDay
            ? new[] { DetectionIdentity.Of(stored) }.ToAsyncEnumerable()
            : AsyncEnumerable.Empty<DetectionIdentity>());

        Assert.False(await identities.AddAsync(stored with { BrightnessK = 1 }, CancellationToken.None));
        Assert.True(await identities.AddAsync(stored with { Latitude = 18.6 }, CancellationToken.None));
        Assert.True(await identities.AddAsync(stored with { AcquiredUtc = Noon.AddDays(3) }, CancellationToken.None));
    }

    [Fact]
    public async Task AddAsync_ManyDetectionsWithRepeats_AgreesWithASetOfWholeIdentities()
    {
        // Two days of dense detections on a coarse lattice (so repeats are frequent), in random order, with a few
        // positions that are not exact millionths: every answer must be the one a set of whole identities gives,
        // across the dozens of merges of each day's keys.
        var random = new Random(14);
        var reference = new HashSet<DetectionIdentity>();
        var identities = Empty();
        Satellite[] satellites = [Satellite.SuomiNpp, Satellite.Noaa20, Satellite.Aqua];
        var added = 0;
        for (var n = 0; n < 120_000; n++)
        {
            var latitude = (18_000_000 + random.Next(60) * 10) / 1e6 + (random.Next(50) == 0 ? 1e-9 : 0);
            var longitude = (98_000_000 + random.Next(60) * 10) / 1e6;
            var utc = Noon.AddDays(random.Next(2)).AddMinutes(random.Next(3) * 97);
            var h = At(latitude, longitude, utc, satellites[random.Next(satellites.Length)], random.Next(2) == 0 ? "2.0NRT" : "2.0");
            var expected = reference.Add(DetectionIdentity.Of(h));
            Assert.Equal(expected, await identities.AddAsync(h, CancellationToken.None));
            added += expected ? 1 : 0;
        }
        // Enough distinct keys per day for many merges, and enough repeats that a missed one would show.
        Assert.InRange(added, 30 * IdentityKeySet.MinRecent, 110_000);
    }
}
