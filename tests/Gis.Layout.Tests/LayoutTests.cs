using System.Globalization;
using System.Text.RegularExpressions;
using Gis.TestSupport;

namespace Gis.Layout.Tests;

/// <summary>The layout rules of docs/architecture.md and ADR 0014, so that a move that breaks them fails a test.</summary>
public sealed partial class LayoutTests
{
    [Fact]
    public void ProjectReferences_PointOneWay()
    {
        // Each project may reference only those listed; anything else is a dependency pointing the wrong way.
        var allowed = new Dictionary<string, string[]>
        {
            ["Gis.Core"] = [],
            ["Gis.Importers"] = ["Gis.Core"],
            ["Gis.Rendering"] = ["Gis.Importers"],
            ["Gis.Desktop"] = ["Gis.Rendering", "Gis.Importers"],
            ["Gis.Cli"] = ["Gis.Desktop", "Gis.Rendering", "Gis.Importers"],
        };
        var projects = SourceTree.ProductProjects();
        Assert.Equal(allowed.Keys.Order(), projects.Keys.Order());
        foreach (var (project, references) in projects)
            Assert.All(references, r => Assert.Contains(r, allowed[project]));
    }

    [Fact]
    public void Store_HoldsOnlyInfrastructure()
    {
        // Importers live beside their readers, queries under Queries/, target services under Targets/ (ADR 0014).
        var store = Path.Combine(SharedData.RepoRoot, "Gis.Importers", "Store");
        var misplaced = Directory.EnumerateFiles(store, "*.cs")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => name!.EndsWith("Importer", StringComparison.Ordinal) || name.EndsWith("Queries", StringComparison.Ordinal)
                           || name.EndsWith("Service", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(misplaced);
        Assert.True(File.Exists(Path.Combine(store, "GisStore.cs")));
    }

    [Fact]
    public void Namespaces_FollowFolders()
    {
        var wrong = new List<string>();
        foreach (var (path, text) in SourceTree.CSharpFiles())
        {
            var declared = NamespaceLine().Match(text);
            if (!declared.Success)
                continue;
            var folder = Path.GetDirectoryName(path)!.Split(Path.DirectorySeparatorChar).SkipWhile(p => p is "tests" or "tools");
            var expected = string.Join('.', folder);
            if (declared.Groups[1].Value != expected)
                wrong.Add($"{path}: namespace {declared.Groups[1].Value}, folder says {expected}");
        }
        Assert.Empty(wrong);
    }

    [Fact]
    public void Lines_AreNoLongerThanEditorConfigSays()
    {
        var limit = MaxLineLength();
        Assert.Equal(140, limit);
        var tooLong = SourceTree.CSharpFiles()
            .SelectMany(f => f.Text.Split('\n').Select((line, i) => (f.Path, Line: i + 1, Length: line.TrimEnd('\r').Length)))
            .Where(l => l.Length > limit)
            .Select(l => $"{l.Path}:{l.Line} has {l.Length} characters")
            .ToList();
        Assert.True(tooLong.Count == 0, $"{tooLong.Count} line(s) longer than {limit}:\n" + string.Join('\n', tooLong.Take(50)));
    }

    /// <summary>max_line_length of the [*.cs] section of .editorconfig: the one place the limit is written.</summary>
    private static int MaxLineLength()
    {
        var section = "";
        foreach (var line in File.ReadLines(Path.Combine(SharedData.RepoRoot, ".editorconfig")).Select(l => l.Trim()))
        {
            if (line.StartsWith('['))
                section = line;
            else if (section == "[*.cs]" && line.StartsWith("max_line_length", StringComparison.Ordinal))
                return int.Parse(line.Split('=')[1].Trim(), CultureInfo.InvariantCulture);
        }
        throw new InvalidOperationException(".editorconfig has no max_line_length in its [*.cs] section");
    }

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();
}
