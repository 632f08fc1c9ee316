using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Gis.TestSupport;

/// <summary>Reads PDFs the way a person's tools do: poppler's <c>pdftotext</c> and <c>pdfinfo</c> (Debian poppler-utils).</summary>
public static partial class Pdf
{
    /// <summary>The text of one page (1-based) or of all pages, with <c>-layout</c> so a table row stays on one line.</summary>
    public static async Task<string> TextAsync(string path, int? page = null)
    {
        List<string> args = ["-layout", "-enc", "UTF-8"];
        if (page is { } p)
            args.AddRange(["-f", p.ToString(CultureInfo.InvariantCulture), "-l", p.ToString(CultureInfo.InvariantCulture)]);
        return await RunAsync("pdftotext", [.. args, path, "-"]);
    }

    /// <summary>The page count <c>pdfinfo</c> reports.</summary>
    public static async Task<int> PageCountAsync(string path)
    {
        var info = await RunAsync("pdfinfo", [path]);
        return int.Parse(PagesLine().Match(info).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The whitespace-separated words of the first line of <paramref name="text"/> that contains <paramref
    /// name="marker"/>.</summary>
    public static string[] LineWords(string text, string marker)
    {
        var line = text.Split('\n').FirstOrDefault(l => l.Contains(marker, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No line contains '{marker}' in:\n{text}");
        return line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>
    /// The words of the first table row of <paramref name="text"/> that starts with <paramref name="first"/> followed by
    /// <paramref name="numbers"/> numbers (or "-"): a map label that starts with the same name, even beside a scale
    /// bar's "0 50 100 km", is not such a row.
    /// </summary>
    public static string[] RowWords(string text, string first, int numbers = 4) =>
        text.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .FirstOrDefault(w => w.Length > numbers && w[0] == first && w[1..(numbers + 1)].All(x => x == "-" || NumberWord().IsMatch(x)))
        ?? throw new InvalidOperationException($"No table row starts with '{first}' in:\n{text}");

    private static async Task<string> RunAsync(string tool, string[] args)
    {
        var start = new ProcessStartInfo(tool, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? await output
            : throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed: {await error}");
    }

    [GeneratedRegex(@"^[-+]?[\d,]+(\.\d+)?$")]
    private static partial Regex NumberWord();

    [GeneratedRegex(@"^Pages:\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex PagesLine();
}
