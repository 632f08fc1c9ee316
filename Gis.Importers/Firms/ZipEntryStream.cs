namespace Gis.Importers.Firms;

/// <summary>An entry's stream that also closes its archive, so an input is one disposable.</summary>
internal sealed class ZipEntryStream(System.IO.Compression.ZipArchive archive, Stream entry) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => entry.Read(buffer, offset, count);
    public override int Read(Span<byte> buffer) => entry.Read(buffer);
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

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
