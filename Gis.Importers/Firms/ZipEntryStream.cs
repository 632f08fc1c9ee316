using System.IO.Compression;

namespace Gis.Importers.Firms;

/// <summary>
/// An entry's stream that also closes its archive, so an input is one disposable; damage found while reading
/// (a bad CRC, a cut deflate stream) is a <see cref="FirmsFormatException"/> naming the entry, like any unreadable file.
/// </summary>
internal sealed class ZipEntryStream(ZipArchive archive, Stream entry, string name) : ReadOnlyStream
{
    /// <summary>Opens <paramref name="entryName"/> of the archive at <paramref name="zipPath"/>.</summary>
    /// <exception cref="FirmsFormatException">The archive or the entry cannot be opened.</exception>
    public static ZipEntryStream Open(string zipPath, string entryName, string name)
    {
        ZipArchive? archive = null;
        try
        {
            archive = ZipFile.OpenRead(zipPath);
            var entry = archive.GetEntry(entryName) ?? throw new InvalidDataException("the entry is gone from the archive");
            return new ZipEntryStream(archive, entry.Open(), name);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            archive?.Dispose();
            throw Damaged(name, e);
        }
    }

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return entry.Read(buffer);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw Damaged(name, e);
        }
    }

    private static FirmsFormatException Damaged(string name, Exception e) =>
        new($"{name}: the zip entry cannot be read: {e.Message}", e);

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
