using System.Globalization;
using System.Text;
using Gis.Importers.Features;

namespace Gis.Importers.Projects;

/// <summary>
/// RFC 4180 CSV records with the line each starts on: fields may be quoted, quoted fields may hold commas, doubled
/// quotes and line breaks (budget-bill item text does). A UTF-8 byte order mark is skipped. Streams.
/// </summary>
internal static class CsvRecords
{
    /// <summary>The records of a text, header included, each with its 1-based starting line number.</summary>
    public static IEnumerable<(int Line, string[] Fields)> Read(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1, startLine = 1;
        bool quoted = false, any = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            any = true;
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                        line++;
                    field.Append(ch);
                }
                continue;
            }

            switch (ch)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    yield return (startLine, [.. fields]);
                    fields.Clear();
                    any = false;
                    startLine = ++line;
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }

        if (any)
        {
            fields.Add(field.ToString());
            yield return (startLine, [.. fields]);
        }
    }

    /// <summary>The records of a file, skipping blank lines, read in its <see cref="EncodingOf">encoding</see>.</summary>
    /// <exception cref="ProjectFormatException">The file is neither UTF-8 nor TIS-620 text.</exception>
    public static IEnumerable<(int Line, string[] Fields)> ReadFile(string path)
    {
        using var reader = new StreamReader(path, EncodingOf(path), detectEncodingFromByteOrderMarks: true);
        foreach (var record in Read(reader))
        {
            if (record.Fields.Length > 1 || record.Fields[0].Length > 0)
                yield return record;
        }
    }

    /// <summary>
    /// UTF-8 (or a byte order mark's), else TIS-620 when the file is not valid UTF-8 but reads as Thai text: Excel
    /// saves a Thai CSV so. The whole file is looked at: project files are small, and a guess from the start would
    /// turn a later Thai name into U+FFFD without a word.
    /// </summary>
    /// <exception cref="ProjectFormatException">Neither fits; the message names the file and the first line that fits neither.</exception>
    public static Encoding EncodingOf(string path) =>
        TextEncodings.DetectFile(path, int.MaxValue, out var badLine)
        ?? throw new ProjectFormatException(string.Create(CultureInfo.InvariantCulture,
            $"{path}: line {badLine} is neither UTF-8 nor TIS-620 text: save the file as CSV UTF-8"));
}
