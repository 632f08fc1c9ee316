using System.Buffers.Binary;
using System.Text;

namespace Gis.Importers.Features;

/// <summary>
/// The text of a <c>.dbf</c> (dBASE III, as shapefiles use it) judged against what its <c>.cpg</c> says: the
/// character fields of every record, in the file's own layout, without decoding them.
/// </summary>
internal static class DbfText
{
    /// <summary>What the character fields hold: one verdict for the file and the first record that decides it.</summary>
    /// <param name="Record">1-based record number (deleted records counted, as feature numbers are), or 0 when all are UTF-8.</param>
    /// <param name="Field">The field at <paramref name="Record"/>.</param>
    public readonly record struct Scan(TextEncodings.Verdict Verdict, int Record, string Field);

    /// <summary>
    /// UTF-8 when every character field is valid UTF-8; else TIS-620 when every one reads as Thai TIS-620 text; else
    /// neither, naming the first record and field that fits neither (or, in a file that mixes the two, fits TIS-620 not).
    /// Cost: one sequential read of the file.
    /// </summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Scan Check(string dbfPath)
    {
        using var stream = new BufferedStream(File.OpenRead(dbfPath), 1 << 16);
        var header = new byte[32];
        stream.ReadExactly(header);
        var records = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4));
        var headerLength = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(8));
        var recordLength = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(10));

        // Field descriptors, 32 bytes each, up to the 0x0D terminator; a record starts with its deletion flag.
        var descriptors = new byte[headerLength - 32];
        stream.ReadExactly(descriptors);
        var text = new List<(string Name, int Offset, int Length)>();
        for (int at = 0, offset = 1; at + 32 <= descriptors.Length && descriptors[at] != 0x0D; at += 32)
        {
            var length = descriptors[at + 16];
            if (descriptors[at + 11] == (byte)'C')
                text.Add((Encoding.ASCII.GetString(descriptors, at, 11).TrimEnd('\0'), offset, length));
            offset += length;
        }

        Scan? notUtf8 = null, neither = null, notTis = null;
        var record = new byte[recordLength];
        for (var number = 1; number <= records && neither is null; number++)
        {
            if (stream.ReadAtLeast(record, recordLength, throwOnEndOfStream: false) < recordLength)
                break;
            foreach (var (name, offset, length) in text)
            {
                // A field cut to its width may end inside a UTF-8 character: that alone does not make it TIS-620.
                var bytes = record.AsSpan(offset, length);
                var utf8 = TextEncodings.Detect(bytes, complete: false) == TextEncodings.Verdict.Utf8;
                var thai = TextEncodings.IsTis620Text(bytes);
                if (!utf8)
                    notUtf8 ??= new Scan(TextEncodings.Verdict.Tis620, number, name);
                if (!utf8 && !thai)
                    neither ??= new Scan(TextEncodings.Verdict.Neither, number, name);
                else if (!thai)
                    notTis ??= new Scan(TextEncodings.Verdict.Neither, number, name);
            }
        }
        return notUtf8 is null ? new Scan(TextEncodings.Verdict.Utf8, 0, "") : neither ?? notTis ?? notUtf8.Value;
    }
}
