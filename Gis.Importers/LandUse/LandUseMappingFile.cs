using System.Reflection;
using System.Text;
using Gis.Core.LandUse;

namespace Gis.Importers.LandUse;

/// <summary>
/// Reads a <see cref="LandUseMapping"/> from CSV: a header <c>code,green,land_class[,description]</c>, one rule per
/// line, lines starting with <c>#</c> and blank lines ignored, fields quoted as in RFC 4180 when they hold commas.
/// <c>green</c> is yes/no (also true/false, 1/0); <c>land_class</c> a code of <see cref="HotspotLandClasses.Code"/>.
/// </summary>
public static class LandUseMappingFile
{
    private const string DefaultResource = "Gis.Importers.LandUse.ldd-default-mapping.csv";

    /// <summary>
    /// The project's default for Land Development Department <c>LU_CODE</c> codes (embedded; the same text as
    /// <see cref="DefaultCsv"/>): forest, perennial crops, orchards and recreation areas are green.
    /// </summary>
    public static LandUseMapping Default { get; } = Parse(DefaultCsv, "the default mapping");

    /// <summary>The text of the default mapping, to print or start a custom table from.</summary>
    public static string DefaultCsv
    {
        get
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(DefaultResource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }
    }

    /// <summary>Reads a mapping file (UTF-8).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">A line cannot be read; the message names the file and line.</exception>
    public static LandUseMapping Read(string path) =>
        File.Exists(path)
            ? Parse(File.ReadAllText(path, Encoding.UTF8), path)
            : throw new FileNotFoundException("Mapping file not found: " + path, path);

    /// <summary>Reads mapping CSV text; <paramref name="origin"/> names it in messages.</summary>
    /// <exception cref="FormatException">A line cannot be read, or a code is given twice.</exception>
    public static LandUseMapping Parse(string csv, string origin)
    {
        var rules = new List<LandUseRule>();
        int[]? columns = null;
        var lineNumber = 0;
        foreach (var line in csv.Split('\n'))
        {
            lineNumber++;
            var text = line.TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(text) || text.TrimStart().StartsWith('#'))
                continue;
            var fields = SplitCsv(text);
            if (columns is null)
            {
                columns = Header(fields, origin, lineNumber);
                continue;
            }

            string Field(int column) => columns[column] < fields.Count ? fields[columns[column]].Trim() : string.Empty;
            var code = Field(0);
            if (code.Length == 0)
                throw Error(origin, lineNumber, "has no code");
            var green = Field(1).ToUpperInvariant() switch
            {
                "YES" or "Y" or "TRUE" or "1" => true,
                "NO" or "N" or "FALSE" or "0" => false,
                var other => throw Error(origin, lineNumber, $"green is '{other}'; write yes or no"),
            };
            var landClass = HotspotLandClasses.FromCode(Field(2).ToLowerInvariant())
                ?? throw Error(origin, lineNumber, $"land_class '{Field(2)}' is not one of "
                    + string.Join(", ", Enum.GetValues<HotspotLandClass>().Select(HotspotLandClasses.Code)));
            rules.Add(new LandUseRule(code, green, landClass, columns[3] >= 0 ? Field(3) : string.Empty));
        }

        if (rules.Count == 0)
            throw new FormatException($"{origin}: has no mapping rules (header code,green,land_class[,description] and one line per code)");
        try
        {
            return new LandUseMapping(rules);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"{origin}: {e.Message}", e);
        }
    }

    private static int[] Header(List<string> fields, string origin, int lineNumber)
    {
        var names = fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        int Required(string name) => names.IndexOf(name) is var i and >= 0
            ? i
            : throw Error(origin, lineNumber, $"the header has no column '{name}' (expected code,green,land_class[,description])");
        return [Required("code"), Required("green"), Required("land_class"), names.IndexOf("description")];
    }

    /// <summary>Fields of one CSV line: commas separate, double quotes enclose, doubled quotes escape.</summary>
    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                    field.Append(line[++i]);
                else if (c == '"')
                    quoted = false;
                else
                    field.Append(c);
            }
            else if (c == '"')
                quoted = true;
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
                field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }

    private static FormatException Error(string origin, int line, string problem) => new($"{origin}: line {line}: {problem}");
}
