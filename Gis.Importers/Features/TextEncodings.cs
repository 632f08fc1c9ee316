using System.Text;

namespace Gis.Importers.Features;

/// <summary>
/// Text encodings of the files the importers read: as <c>.cpg</c> files and users name them, and, for text that
/// declares none, told apart from its bytes (UTF-8 or the Thai TIS-620). The one place the detection lives.
/// </summary>
internal static class TextEncodings
{
    private const int ThaiCodePage = 874;

    // Windows-874 and TIS-620 come from the code-pages provider, which .NET does not register by itself.
    static TextEncodings() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>What <see cref="Detect"/> found: the text's encoding, or that it is neither UTF-8 nor TIS-620.</summary>
    public enum Verdict
    {
        /// <summary>Valid UTF-8 (ASCII included).</summary>
        Utf8,

        /// <summary>Not valid UTF-8, and every byte above ASCII is a TIS-620 (Thai) character.</summary>
        Tis620,

        /// <summary>Neither: reading it as either would put U+FFFD or wrong letters in place of text.</summary>
        Neither,
    }

    /// <summary>UTF-8 without a byte order mark.</summary>
    public static Encoding Utf8 { get; } = new UTF8Encoding(false);

    /// <summary>TIS-620, read as Windows-874 (its superset: the Thai letters have the same bytes).</summary>
    public static Encoding Tis620 => Encoding.GetEncoding(ThaiCodePage);

    /// <summary>
    /// The encoding a name denotes. TIS-620 is read as Windows-874, its superset: the Thai letters have the same
    /// bytes, and .NET has no TIS-620 of its own. Digits alone are a code page (<c>874</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The name denotes no encoding .NET has.</exception>
    public static Encoding Resolve(string name)
    {
        var key = new string([.. name.Where(char.IsAsciiLetterOrDigit)]).ToUpperInvariant();
        if (key is "TIS620" or "TIS6202533" or "ISO885911" or "CP874" or "WINDOWS874" or "ANSI874" or "MS874" or "THAI")
            return Tis620;
        if (key is "UTF8")
            return Utf8;
        if (key.Length > 0 && key.All(char.IsAsciiDigit)
            && int.TryParse(key, System.Globalization.CultureInfo.InvariantCulture, out var codePage))
            return Encoding.GetEncoding(codePage);
        return Encoding.GetEncoding(name.Trim());
    }

    /// <summary>True when <paramref name="encoding"/> is UTF-8.</summary>
    public static bool IsUtf8(Encoding? encoding) => encoding?.CodePage == Encoding.UTF8.CodePage;

    /// <summary>
    /// Whether bytes are UTF-8, TIS-620 or neither. Cost: one pass.
    /// </summary>
    /// <param name="complete">False when the bytes may end inside a character (a sample, a fixed-width field cut short): a
    /// sequence cut at the end then counts as UTF-8.</param>
    public static Verdict Detect(ReadOnlySpan<byte> bytes, bool complete = true)
    {
        try
        {
            new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder().GetCharCount(bytes, flush: complete);
            return Verdict.Utf8;
        }
        catch (DecoderFallbackException)
        {
            return IsTis620Text(bytes) ? Verdict.Tis620 : Verdict.Neither;
        }
    }

    /// <summary>True when every byte above ASCII is a TIS-620 character (0xA1-0xDA, 0xDF-0xFB; the rest are unused).</summary>
    public static bool IsTis620Text(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b >= 0x80 && !IsTis620Letter(b))
                return false;
        }
        return true;
    }

    /// <summary>
    /// The encoding of a text file that declares none: a UTF-16 byte order mark, else UTF-8 when the first
    /// <paramref name="sampleBytes"/> are valid UTF-8, else TIS-620 when they decode as Thai text; null when neither,
    /// with the 1-based line of the first byte that fits neither in <paramref name="badLine"/>.
    /// </summary>
    public static Encoding? DetectFile(string path, int sampleBytes, out int badLine)
    {
        badLine = 0;
        var head = new byte[(int)Math.Min(sampleBytes, new FileInfo(path).Length)];
        int length;
        using (var stream = File.OpenRead(path))
            length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var bytes = head.AsSpan(0, length);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return Encoding.Unicode; // a reader's byte-order-mark detection then picks the right UTF-16
        var verdict = Detect(bytes, complete: length < sampleBytes);
        if (verdict != Verdict.Neither)
            return verdict == Verdict.Utf8 ? Utf8 : Tis620;
        // Where each reading first breaks; the later one is where the text stops being either (a UTF-8 file with one
        // bad byte breaks TIS-620 at its first Thai letter already).
        int notUtf8 = 0, notTis = 0;
        while (Rune.DecodeFromUtf8(bytes[notUtf8..], out _, out var used) == System.Buffers.OperationStatus.Done)
            notUtf8 += used;
        while (bytes[notTis] < 0x80 || IsTis620Letter(bytes[notTis]))
            notTis++;
        badLine = 1 + bytes[..Math.Max(notUtf8, notTis)].Count((byte)'\n');
        return null;
    }

    // Thai letters, vowels, tone marks and digits.
    private static bool IsTis620Letter(byte b) => b is >= 0xA1 and <= 0xDA or >= 0xDF and <= 0xFB;
}
