using Gis.Importers.Firms;

namespace Gis.Importers.Store;

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
    TimeSpan Elapsed);
