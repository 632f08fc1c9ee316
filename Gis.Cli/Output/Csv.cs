namespace Gis.Cli.Output;

/// <summary>RFC 4180 CSV: fields quoted only when they hold a comma, quote or line break.</summary>
internal static class Csv
{
    public static string Line(params string[] fields) => string.Join(',', fields.Select(Field));

    private static string Field(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
