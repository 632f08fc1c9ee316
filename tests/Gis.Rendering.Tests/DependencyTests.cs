using System.Reflection;
using Gis.Rendering.Maps;

namespace Gis.Rendering.Tests;

/// <summary>
/// <c>gis map</c> and <c>gis report</c> draw without the workstation: the rendering assembly, and the project assemblies
/// under it, reference neither ASP.NET Core nor Gis.Desktop (dependencies point one way: Cli/Desktop -> Rendering).
/// </summary>
public sealed class DependencyTests
{
    [Fact]
    public void RenderingAndWhatItUses_ReferenceNoWebHost()
    {
        var seen = new Dictionary<string, AssemblyName[]>(StringComparer.Ordinal);
        var next = new Queue<Assembly>([typeof(MapRenderer).Assembly]);
        while (next.TryDequeue(out var assembly))
        {
            var references = assembly.GetReferencedAssemblies();
            seen[assembly.GetName().Name!] = references;
            foreach (var reference in references.Where(r => r.Name!.StartsWith("Gis.", StringComparison.Ordinal)
                && !seen.ContainsKey(r.Name)))
                next.Enqueue(Assembly.Load(reference));
        }

        Assert.Equal(["Gis.Core", "Gis.Importers", "Gis.Rendering"], seen.Keys.Order(StringComparer.Ordinal));
        var web = seen.SelectMany(s => s.Value.Select(r => $"{s.Key} -> {r.Name}"))
            .Where(r => r.Contains("-> Microsoft.AspNetCore", StringComparison.Ordinal)
                || r.EndsWith("-> Gis.Desktop", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(web);
    }
}
