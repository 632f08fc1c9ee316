namespace Gis.SampleData.Firms;

/// <summary>
/// Plausible VIIRS 375 m radiometry and overpass times. Frequencies follow the real NOAA-20 NRT snapshots of 2026 in
/// ../shared/data (about 80 % day detections; confidence roughly 20 % low, 76 % nominal, 4 % high).
/// </summary>
internal static class Detections
{
    /// <summary>
    /// UTC minute of day of the pass over Chiang Mai. VIIRS crosses at about 13:30 and 01:30 local solar time, i.e.
    /// 06:00-07:00 and 18:00-19:00 UTC here; the exact minute drifts from day to day. Every detection of one pass shares
    /// the minute, as in real files. NOAA-20 flies half an orbit (about 50 min) from S-NPP; the offset keeps the two
    /// apart within the hour, so cross-satellite pairs are different records of one fire.
    /// </summary>
    public static int PassTimeHhmm(DateOnly date, bool isDay, int satelliteOffsetMinutes)
    {
        var minute = isDay
            ? (date.DayNumber * 23 + satelliteOffsetMinutes) % 60
            : (date.DayNumber * 37 + satelliteOffsetMinutes) % 60;
        return ((isDay ? 6 : 18) * 100) + minute;
    }

    /// <summary>A detection at the given place and time with confidence, brightness, pixel size and FRP drawn.</summary>
    public static FirmsRow Make(SplitMix64 rng, int latitudeE5, int longitudeE5, DateOnly date, bool isDay, int hhmm, int type)
    {
        var u = rng.NextDouble();
        var confidence = isDay
            ? (u < 0.18 ? 'l' : u < 0.96 ? 'n' : 'h')
            : (u < 0.30 ? 'l' : u < 0.98 ? 'n' : 'h');

        double ti4 = (confidence, isDay) switch
        {
            // High-confidence day pixels are often saturated: the I-4 channel tops out at 367 K.
            ('h', _) => rng.Chance(0.5) ? 367.0 : rng.Range(345, 367),
            ('n', true) => rng.Triangular(318, 332, 366),
            ('l', true) => rng.Range(300, 330),
            ('n', false) => rng.Triangular(298, 310, 350),
            _ => rng.Range(293, 305),
        };
        var ti5 = isDay ? rng.Triangular(284, 298, 318) : rng.Triangular(270, 286, 297);
        var scan = rng.Triangular(0.32, 0.40, 0.80);
        // Along-track size grows with scan angle too, but more slowly.
        var track = Math.Min(0.78, 0.36 + ((scan - 0.32) * 0.85) + rng.Range(-0.01, 0.01));
        var frp = confidence switch
        {
            'h' => rng.HeavyTail(4.0, 2.5),
            'n' => rng.HeavyTail(0.6, isDay ? 0.35 : 0.2),
            _ => rng.HeavyTail(0.3, 0.12),
        };

        return new FirmsRow(
            latitudeE5, longitudeE5, date, hhmm, confidence, isDay,
            Scale(ti4), Scale(scan), Scale(track), Scale(Math.Min(ti5, ti4 - 2)), Scale(frp), type);
    }

    /// <summary>Fixed-point value in hundredths; rounding a double is exact and platform independent.</summary>
    private static int Scale(double value) => (int)Math.Round(value * 100, MidpointRounding.AwayFromZero);

    /// <summary>Degrees to the 1e-5 degree integer FIRMS prints.</summary>
    public static int E5(double degrees) => (int)Math.Round(degrees * 1e5, MidpointRounding.AwayFromZero);
}
