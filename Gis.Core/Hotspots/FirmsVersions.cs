namespace Gis.Core.Hotspots;

/// <summary>
/// The FIRMS <c>version</c> values this software accepts, per instrument, and which of them are near-real-time.
/// The one list: whether a detection is NRT (and so replaced later by standard data, ADR 0007) follows from it.
/// </summary>
/// <remarks>
/// FIRMS writes the collection, with <c>NRT</c> appended for near-real-time processing and nothing for standard
/// processing (FIRMS "Active fire data attributes": <c>6.1NRT</c> collection 6.1 NRT, <c>6.1</c> collection 6.1
/// standard; VIIRS collection 1 and 2 likewise). Seen in real files: VIIRS <c>2.0NRT</c> (area API, 2026), <c>2</c>
/// (standard archive); MODIS <c>6.2</c> (country archive up to 2017), <c>6.03</c> (from 2018), <c>61.03</c> (MODIS_SP
/// from the area API). Anything else, an empty value or a damaged one (<c>2.0NRT\uFFFD</c>), is not a version: counted
/// as standard it would replace a whole day of NRT detections, so the line is rejected instead.
/// </remarks>
public static class FirmsVersions
{
    private static readonly Dictionary<string, bool> Viirs = Table(nrt: ["1.0NRT", "2.0NRT"], standard: ["1", "1.0", "2", "2.0"]);

    private static readonly Dictionary<string, bool> Modis =
        Table(nrt: ["6.0NRT", "6.1NRT"], standard: ["6", "6.0", "6.1", "6.2", "6.03", "61.03"]);

    // Kept: an alternate lookup is found once, not on every line of a file.
    private static readonly Dictionary<string, bool>.AlternateLookup<ReadOnlySpan<char>> ViirsBySpan =
        Viirs.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly Dictionary<string, bool>.AlternateLookup<ReadOnlySpan<char>> ModisBySpan =
        Modis.GetAlternateLookup<ReadOnlySpan<char>>();

    private static Dictionary<string, bool> Table(string[] nrt, string[] standard) =>
        nrt.Select(v => (v, true)).Concat(standard.Select(v => (v, false))).ToDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Looks <paramref name="text"/> up (exactly, case and all) among the versions of the satellite's instrument and
    /// returns the stored spelling; null when it is not one.
    /// </summary>
    public static string? Known(Satellite satellite, ReadOnlySpan<char> text)
    {
        var versions = satellite is Satellite.Terra or Satellite.Aqua ? ModisBySpan : ViirsBySpan;
        return versions.TryGetValue(text, out var key, out _) ? key : null;
    }

    /// <summary>The accepted versions of the satellite's instrument, for messages: <c>1, 1.0, 1.0NRT, ...</c>.</summary>
    public static string List(Satellite satellite) =>
        string.Join(", ", (Satellites.Instrument(satellite) == "MODIS" ? Modis : Viirs).Keys.Order(StringComparer.Ordinal));

    /// <summary>True for a near-real-time version (<c>2.0NRT</c>, <c>6.1NRT</c>); false for standard ones and unknown text.</summary>
    public static bool IsNearRealTime(string version) =>
        Viirs.TryGetValue(version, out var nrt) ? nrt : Modis.TryGetValue(version, out nrt) && nrt;
}
