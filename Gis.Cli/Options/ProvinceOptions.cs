using System.CommandLine;
using Gis.Core.Admin;

namespace Gis.Cli.Options;

/// <summary>
/// <c>--province</c>: the DOPA code of the province a command works on, one definition for every command. Each
/// command says what the province is for; <c>gis fetch</c> and <c>gis watch</c> take it without a default, as one of
/// two ways to name the area (the other is <c>--area</c>). How the value is read stays each command's own: the
/// district tables accept 'all' (<see cref="ProvinceCode"/>), the others take one DOPA code.
/// </summary>
internal static class ProvinceOptions
{
    /// <summary>Chiang Mai, the province the plan is for.</summary>
    public const string DefaultCode = "50";

    /// <summary><c>--province</c> with the default <see cref="DefaultCode"/>.</summary>
    /// <param name="role">What the province is for, completing "DOPA province code (50 or TH50) ...".</param>
    public static Option<string> Province(string role) =>
        new("--province") { Description = Description(role), DefaultValueFactory = _ => DefaultCode };

    /// <summary><c>--province</c> without a default: null when not given.</summary>
    /// <param name="role">What the province is for, completing "DOPA province code (50 or TH50) ...".</param>
    public static Option<string?> WithoutDefault(string role) => new("--province") { Description = Description(role) };

    /// <summary>The two-digit province code, or null for 'all'.</summary>
    /// <exception cref="FormatException">Not a province code.</exception>
    public static string? ProvinceCode(string text)
    {
        var code = text.Equals("all", StringComparison.OrdinalIgnoreCase) ? null : DopaCode.Normalize(text);
        return code is { Length: not 2 }
            ? throw new FormatException($"--province {text}: a province code has two digits (e.g. 50).")
            : code;
    }

    private static string Description(string role) => "DOPA province code (50 or TH50) " + role;
}
