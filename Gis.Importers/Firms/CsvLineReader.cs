using System.Buffers;
using System.Globalization;

namespace Gis.Importers.Firms;

/// <summary>
/// Reads a CSV whose records are one line each (FIRMS, GISTDA) in bounded memory: a line is at most
/// <see cref="MaxLineChars"/> characters, a longer one is skipped to its end and reported, never held whole.
/// Fields follow RFC 4180: a field may be quoted, and a quoted field may hold commas and doubled quotes.
/// </summary>
/// <remarks>
/// A line break inside quotes is not taken as part of the field: in these files a record is one line, and an
/// unclosed quote would otherwise swallow every line after it. The buffers are allocated once per reader, so a
/// 50 MB line costs what a short one does. Cost: one copy of each character.
/// </remarks>
internal sealed class CsvLineReader : IDisposable
{
    /// <summary>Longest line kept (64 Ki characters): a FIRMS line is about 120, a GISTDA line a few hundred.</summary>
    public const int MaxLineChars = 1 << 16;

    private readonly TextReader _reader;
    private readonly char[] _buffer = new char[1 << 15];
    private readonly char[] _line = new char[MaxLineChars];
    private readonly char[] _values = new char[MaxLineChars];
    private Range[] _fields = new Range[32];
    private int _position, _end, _length, _count;
    private long _fullLength;

    public CsvLineReader(TextReader reader) => _reader = reader;

    /// <summary>1-based number of the line last read.</summary>
    public int LineNumber { get; private set; }

    /// <summary>The line last read, without its line break; its first <see cref="MaxLineChars"/> characters when longer.</summary>
    public ReadOnlySpan<char> Line => _line.AsSpan(0, _length);

    /// <summary>Null when the line is a CSV record; otherwise why not (too long, a control character, a quote left open).</summary>
    public string? Problem { get; private set; }

    /// <summary>Fields of the line last read (when <see cref="Problem"/> is null).</summary>
    public int FieldCount => _count;

    /// <summary>A field's value: quotes removed, doubled quotes made single.</summary>
    public ReadOnlySpan<char> Field(int index) => _values.AsSpan(_fields[index]);

    /// <summary>The fields as strings, for readers that keep them.</summary>
    public string[] Fields()
    {
        var fields = new string[_count];
        for (var i = 0; i < _count; i++)
            fields[i] = Field(i).ToString();
        return fields;
    }

    /// <summary>Reads the next line; false at the end of the text.</summary>
    public bool Next()
    {
        if (!ReadLine())
            return false;
        LineNumber++;
        Problem = _fullLength > MaxLineChars
            ? string.Create(CultureInfo.InvariantCulture,
                $"the line is {_fullLength:N0} characters long, more than the {MaxLineChars:N0} a record may have")
            : ControlCharacter(Line) ?? Split(Line);
        return true;
    }

    private bool ReadLine()
    {
        _length = 0;
        _fullLength = 0;
        var any = false;
        while (true)
        {
            if (_position == _end)
            {
                _end = _reader.Read(_buffer, 0, _buffer.Length);
                _position = 0;
                if (_end == 0)
                    return any;
            }
            any = true;
            var chunk = _buffer.AsSpan(_position, _end - _position);
            var newline = chunk.IndexOf('\n');
            var take = newline < 0 ? chunk : chunk[..newline];
            var room = Math.Min(take.Length, MaxLineChars - _length);
            take[..room].CopyTo(_line.AsSpan(_length));
            _length += room;
            _fullLength += take.Length;
            _position += take.Length + (newline < 0 ? 0 : 1);
            if (newline >= 0)
                break;
        }
        if (_length > 0 && _length == _fullLength && _line[_length - 1] == '\r')
        {
            _length--;
            _fullLength--;
        }
        return true;
    }

    /// <summary>C0 control characters other than tab: none can be in a text CSV; a NUL means binary data or damage.</summary>
    private static readonly SearchValues<char> Controls =
        SearchValues.Create([.. Enumerable.Range(0, 32).Where(c => c != '\t').Select(c => (char)c)]);

    private static string? ControlCharacter(ReadOnlySpan<char> line)
    {
        var i = line.IndexOfAny(Controls);
        return i < 0 ? null
            : string.Create(CultureInfo.InvariantCulture, $"control character U+{(int)line[i]:X4} at column {i + 1}: not text");
    }

    private string? Split(ReadOnlySpan<char> line)
    {
        _count = 0;
        int i = 0, written = 0;
        while (true)
        {
            var start = written;
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                        return "a quoted field is not closed on its line";
                    var c = line[i++];
                    if (c == '"')
                    {
                        if (i >= line.Length || line[i] != '"')
                            break;
                        i++;
                    }
                    _values[written++] = c;
                }
                if (i < line.Length && line[i] != ',')
                    return string.Create(CultureInfo.InvariantCulture, $"text after the closing quote of field {_count + 1}");
            }
            else
            {
                var comma = line[i..].IndexOf(',');
                var value = comma < 0 ? line[i..] : line.Slice(i, comma);
                value.CopyTo(_values.AsSpan(written));
                written += value.Length;
                i += value.Length;
            }
            if (_count == _fields.Length)
                Array.Resize(ref _fields, _fields.Length * 2);
            _fields[_count++] = new Range(start, written);
            if (i >= line.Length)
                return null;
            i++;
        }
    }

    public void Dispose() => _reader.Dispose();
}
