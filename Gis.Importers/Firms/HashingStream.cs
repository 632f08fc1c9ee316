using System.Security.Cryptography;

namespace Gis.Importers.Firms;

/// <summary>
/// Passes a stream through while computing its SHA-256 and counting bytes, so a file is read once for both
/// the batch record and the import (files can be gigabytes).
/// </summary>
internal sealed class HashingStream(Stream inner) : ReadOnlyStream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long BytesRead { get; private set; }

    /// <summary>Hex SHA-256 of the bytes read so far; call after reading to the end.</summary>
    public string Sha256Hex() => Convert.ToHexStringLower(_hash.GetCurrentHash());

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        _hash.AppendData(buffer[..n]);
        BytesRead += n;
        return n;
    }

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            _hash.Dispose();
        }
        base.Dispose(disposing);
    }
}
