using System.Text;

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

    /// <summary>The records of a file read as UTF-8, skipping blank lines.</summary>
    public static IEnumerable<(int Line, string[] Fields)> ReadFile(string path)
    {
        using var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        foreach (var record in Read(reader))
        {
            if (record.Fields.Length > 1 || record.Fields[0].Length > 0)
                yield return record;
        }
    }
}
