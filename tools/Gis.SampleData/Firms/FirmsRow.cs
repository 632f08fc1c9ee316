namespace Gis.SampleData.Firms;

/// <summary>
/// One VIIRS detection as a FIRMS CSV row. Values are kept already rounded to what the file shows, so the identity
/// of a detection (satellite, date, time, latitude, longitude) is exactly what a reader will parse back.
/// </summary>
/// <param name="LatitudeE5">Latitude in 1e-5 degrees (FIRMS prints five decimals).</param>
/// <param name="LongitudeE5">Longitude in 1e-5 degrees.</param>
/// <param name="AcqTimeHhmm">UTC time as the integer HHMM (652 = 06:52).</param>
/// <param name="BrightTi4E2">I-4 brightness temperature in 0.01 K.</param>
/// <param name="ScanE2">Along-scan pixel size in 0.01 km.</param>
/// <param name="TrackE2">Along-track pixel size in 0.01 km.</param>
/// <param name="BrightTi5E2">I-5 brightness temperature in 0.01 K.</param>
/// <param name="FrpE2">Fire radiative power in 0.01 MW.</param>
/// <param name="Type">FIRMS type (0 vegetation fire, 2 static land source); written by standard files only.</param>
internal readonly record struct FirmsRow(
    int LatitudeE5,
    int LongitudeE5,
    DateOnly AcqDate,
    int AcqTimeHhmm,
    char Confidence,
    bool IsDay,
    int BrightTi4E2,
    int ScanE2,
    int TrackE2,
    int BrightTi5E2,
    int FrpE2,
    int Type)
{
    public double Latitude => LatitudeE5 / 1e5;

    public double Longitude => LongitudeE5 / 1e5;

    /// <summary>The acquisition instant, UTC.</summary>
    public DateTime AcquiredUtc =>
        DateTime.SpecifyKind(AcqDate.ToDateTime(new TimeOnly(AcqTimeHhmm / 100, AcqTimeHhmm % 100)), DateTimeKind.Utc);
}
