using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Gis.Cli.Output;

/// <summary>How the CLI writes JSON: snake_case names, Thai text as is (not \u escapes), indented.</summary>
internal static class Json
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = true,
    };

    public static void Write<T>(TextWriter output, T value) => output.WriteLine(JsonSerializer.Serialize(value, Options));
}
