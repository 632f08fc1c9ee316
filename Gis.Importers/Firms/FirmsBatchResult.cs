
namespace Gis.Importers.Firms;

/// <summary>What one FIRMS file import did; recorded in <c>import_batch</c> as well.</summary>
/// <param name="Read">Data lines read (blank lines not counted).</param>
/// <param name="Stored">New detections stored.</param>
/// <param name="Duplicate">Readable lines that were already stored, or repeated within the file.</param>
/// <param name="Rejected">Lines that could not be read; see <see cref="Rejections"/>.</param>
/// <param name="Refused">True when <c>--strict</c> refused the file because of rejected lines: nothing was stored.</param>
/// <param name="Rejections">The rejected lines (at most <see cref="FirmsImporter.MaxRejectionsKept"/>).</param>
public sealed record FirmsBatchResult(
    long BatchId,
    string Source,
    string Sha256,
    int Read,
    int Stored,
    int Duplicate,
    int Rejected,
    bool Refused,
    IReadOnlyList<FirmsRejection> Rejections,
    TimeSpan Elapsed)
{
    /// <summary>
    /// NRT detections stored earlier that this file's standard data replaced: still stored, no longer counted.
    /// </summary>
    public int Superseded { get; init; }

    /// <summary>NRT detections of this file that were stored already replaced (standard data of their day came first).</summary>
    public int SupersededOnArrival { get; init; }

    /// <summary>Per district, how the counts moved because of the replacement; empty when nothing was replaced.</summary>
    public IReadOnlyList<DistrictShift> DistrictShifts { get; init; } = [];

    /// <summary>Satellite days on which a few standard rows replaced many NRT detections; to be shown loudly.</summary>
    public IReadOnlyList<SupersedeWarning> SupersedeWarnings { get; init; } = [];

    /// <summary>Alert messages the import queued in its transaction (one per rule, channel and occasion, ADR 0033, 0040).</summary>
    public int AlertsQueued { get; init; }
}

/// <summary>
/// One (satellite, UTC day) on which the file's standard rows replaced more than
/// <see cref="FirmsImporter.OutsizedSupersedeRatio"/> NRT detections each.
/// </summary>
/// <param name="Satellite">The satellite code (<c>N20</c>, <c>Terra</c>...).</param>
/// <param name="UtcDay">The UTC acquisition day.</param>
/// <param name="StandardRows">Standard rows the file delivered for the pair.</param>
/// <param name="Replaced">NRT detections stored earlier that no longer count.</param>
public sealed record SupersedeWarning(string Satellite, DateOnly UtcDay, int StandardRows, int Replaced);

/// <summary>How one district's count moved when standard data replaced NRT detections.</summary>
/// <param name="DistrictCode">The district, or null for detections in no district.</param>
/// <param name="Removed">NRT detections that no longer count.</param>
/// <param name="Added">Detections of the standard file that count now.</param>
public sealed record DistrictShift(string? DistrictCode, int Removed, int Added)
{
    /// <summary>The change of the district's count: <see cref="Added"/> minus <see cref="Removed"/>.</summary>
    public int Net => Added - Removed;
}
