using System.Text;

namespace Gis.SampleData.Firms;

/// <summary>
/// A large NOAA-20 NRT file for the benchmarks. Rows are produced and written one at a time (constant memory
/// whatever the row count), by default spread over northern Thailand and the Myanmar border (lon 97.3-101.5, lat
/// 17.0-20.6) around persistent burn sites, dated across the 2026 season; a chosen share are verbatim repeats of a
/// recent row, as overlapping API downloads deliver them. Another box and several seasons can be asked for.
/// </summary>
internal static class BenchmarkFile
{
    private const int Sites = 5000;
    private const int RecentRows = 4096;

    /// <summary>The default box (west, south, east, north): northern Thailand and the Myanmar border.</summary>
    public static readonly (double West, double South, double East, double North) NorthernThailand = (97.3, 17.0, 101.5, 20.6);

    /// <summary>Writes header plus <paramref name="rows"/> rows (repeats included) to <paramref name="output"/>.</summary>
    /// <param name="duplicateShare">Share of rows, 0-1, that repeat an earlier row exactly.</param>
    /// <param name="box">Where burn sites lie (degrees); null for <see cref="NorthernThailand"/>.</param>
    /// <param name="years">CE years whose fire seasons the rows are dated in, each equally likely; null for 2026 alone.
    /// With one year the output is byte for byte what it was before years could be chosen.</param>
    /// <param name="sites">Burn sites to use (longitude, latitude) instead of drawing them uniformly in the box,
    /// e.g. points inside the country; detections still stay inside the box.</param>
    public static void Write(Stream output, long rows, ulong seed, double duplicateShare,
        (double West, double South, double East, double North)? box = null, IReadOnlyList<int>? years = null,
        IReadOnlyList<(double Lon, double Lat)>? sites = null)
    {
        var (west, south, east, north) = box ?? NorthernThailand;
        if (!(west < east && south < north))
            throw new ArgumentOutOfRangeException(nameof(box), "The box must have west < east and south < north.");
        years ??= [2026];
        if (years.Count == 0)
            throw new ArgumentOutOfRangeException(nameof(years), "At least one year is needed.");
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if (duplicateShare is < 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(duplicateShare), "The duplicate share must be in [0, 1).");

        var layout = FirmsLayout.Noaa20Nrt;
        var rng = SplitMix64.For(seed, "benchmark");
        if (sites is { Count: 0 })
            throw new ArgumentOutOfRangeException(nameof(sites), "At least one site is needed.");
        if (sites is null)
        {
            var drawn = new (double Lon, double Lat)[Sites];
            for (var i = 0; i < Sites; i++)
                drawn[i] = (rng.Range(west, east), rng.Range(south, north));
            sites = drawn;
        }

        var recent = new FirmsRow[RecentRows];
        long produced = 0;
        var buffer = new char[FirmsLayout.MaxRowLength];
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 20, leaveOpen: true);
        writer.Write(layout.Header);
        writer.Write('\n');
        for (long i = 0; i < rows; i++)
        {
            FirmsRow row;
            if (produced > 0 && rng.Chance(duplicateShare))
            {
                row = recent[rng.Next((int)Math.Min(produced, RecentRows))];
            }
            else
            {
                var site = sites[rng.Next(sites.Count)];
                // Keep the jittered point inside the box the file promises.
                var lon = Math.Clamp(site.Lon + rng.Triangular(-0.05, 0, 0.05), west, east);
                var lat = Math.Clamp(site.Lat + rng.Triangular(-0.05, 0, 0.05), south, north);
                var isDay = rng.Chance(0.8);
                // No draw for a single year, so the default file stays what it was.
                var year = years.Count == 1 ? years[0] : years[rng.Next(years.Count)];
                var date = rng.Chance(0.03)
                    ? new DateOnly(year, 6, 1).AddDays(rng.Next(213))
                    : new DateOnly(year, 1, 1).AddDays(Math.Min(150, (int)rng.Triangular(0, 79, 151)));
                row = Detections.Make(rng, Detections.E5(lat), Detections.E5(lon), date, isDay, Detections.PassTimeHhmm(date, isDay, 29),
                    0);
                recent[produced % RecentRows] = row;
                produced++;
            }
            var length = layout.Format(row, buffer);
            writer.Write(buffer, 0, length);
        }
    }
}
