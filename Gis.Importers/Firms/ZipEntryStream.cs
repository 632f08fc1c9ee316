namespace Gis.Importers.Firms;

/// <summary>An entry's stream that also closes its archive, so an input is one disposable.</summary>
internal sealed class ZipEntryStream(System.IO.Compression.ZipArchive archive, Stream entry) : ReadOnlyStream
{
    public override int Read(Span<byte> buffer) => entry.Read(buffer);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            entry.Dispose();
            archive.Dispose();
        }
        base.Dispose(disposing);
    }
}
