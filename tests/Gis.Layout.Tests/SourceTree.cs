using Gis.TestSupport;

namespace Gis.Layout.Tests;

/// <summary>The repository's own C# sources and project files, as a newcomer would browse them.</summary>
internal static class SourceTree
{
    private static readonly string[] Skipped = ["bin", "obj", "node_modules", "artifacts", ".git"];

    /// <summary>Every .cs file below the repository root outside build output, as (path relative to the root, text).</summary>
    public static IEnumerable<(string Path, string Text)> CSharpFiles() =>
        Files(SharedData.RepoRoot, "*.cs").Select(p => (Path.GetRelativePath(SharedData.RepoRoot, p), File.ReadAllText(p)));

    /// <summary>The product projects (not tests or tools), by name, with the project names they reference.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ProductProjects() =>
        Directory.EnumerateDirectories(SharedData.RepoRoot, "Gis.*")
            .Select(dir => Path.Combine(dir, Path.GetFileName(dir) + ".csproj"))
            .Where(File.Exists)
            .ToDictionary(p => Path.GetFileNameWithoutExtension(p), References);

    private static IReadOnlyList<string> References(string csproj) =>
        System.Xml.Linq.XDocument.Load(csproj).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension((string)r.Attribute("Include")!))
            .ToList();

    private static IEnumerable<string> Files(string dir, string pattern)
    {
        foreach (var file in Directory.EnumerateFiles(dir, pattern))
            yield return file;
        foreach (var sub in Directory.EnumerateDirectories(dir).Where(d => !Skipped.Contains(Path.GetFileName(d))))
        {
            foreach (var file in Files(sub, pattern))
                yield return file;
        }
    }
}
