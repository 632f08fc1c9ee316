using Gis.TestSupport;

namespace Gis.Cli.Tests.Support;

/// <summary>The sample data a test's store starts from, imported through the command as a user would.</summary>
internal static class SampleStore
{
    public static readonly string SampleData = Path.Combine(SharedData.RepoRoot, "sample-data");

    /// <summary>Imports the sample districts, the S-NPP detections of 2025 and 2026, and the land use of 2565 and 2566.</summary>
    public static async Task ImportAsync(string connectionString)
    {
        string[][] imports =
        [
            ["import", "boundaries", Path.Combine(SampleData, "boundaries", "chiang-mai-districts.geojson")],
            ["import", "firms", Path.Combine(SampleData, "firms", "viirs-snpp-2025.csv"),
                Path.Combine(SampleData, "firms", "viirs-snpp-2026.csv")],
            ["import", "landuse", Path.Combine(SampleData, "landuse", "landuse-2565.geojson"), "--snapshot", "2565"],
            ["import", "landuse", Path.Combine(SampleData, "landuse", "landuse-2566.geojson"), "--snapshot", "2566"],
        ];
        foreach (var args in imports)
        {
            var (exit, _, error) = await CliRunner.RunAsync(connectionString, args);
            Assert.True(exit == 0, $"gis {string.Join(' ', args)}: {error}");
        }
    }
}
