using System.CommandLine;

namespace Gis.Cli.Options;

/// <summary>The options of the drawing commands, <c>gis map</c> and <c>gis report</c>: the file written, its language and its
/// author.</summary>
internal static class RenderOptions
{
    /// <summary><c>--out</c>, required.</summary>
    /// <param name="extensions">The file types the command writes, by extension (".pdf").</param>
    public static Option<string> Out(string extensions) => new("--out") { Description = "Output file: " + extensions, Required = true };

    /// <summary><c>--lang th|en</c>, default th.</summary>
    /// <param name="what">What is written in that language ("the report").</param>
    public static Option<string> Lang(string what)
    {
        var lang = new Option<string>("--lang") { Description = $"Language of {what}: th or en", DefaultValueFactory = _ => "th" };
        lang.AcceptOnlyFromAmong("th", "en");
        return lang;
    }

    /// <summary><c>--author</c>, no default.</summary>
    /// <param name="product">What was made ("map").</param>
    /// <param name="where">Where the name is printed ("in the margin").</param>
    public static Option<string?> Author(string product, string where) =>
        new("--author") { Description = $"Who made the {product} (office or person), printed {where}" };
}
