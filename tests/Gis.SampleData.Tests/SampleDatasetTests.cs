using Gis.TestSupport;

namespace Gis.SampleData.Tests;

public sealed class SampleDatasetTests : IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "gis-sample-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Write_TwoRuns_GiveIdenticalBytes()
    {
        var first = SampleDataset.Write(Path.Combine(_temp, "a"));
        var second = SampleDataset.Write(Path.Combine(_temp, "b"));

        Assert.Equal(first, second);
        Assert.Equal(21, first.Count); // 18 data files and three credit.txt
        foreach (var file in first)
            Assert.Equal(File.ReadAllBytes(Path.Combine(_temp, "a", file)), File.ReadAllBytes(Path.Combine(_temp, "b", file)));
    }

    [Fact]
    public void Write_DefaultSeed_ReproducesCommittedSampleData()
    {
        // The committed folder must be exactly what the generator makes; a stale or hand-edited file fails here.
        var files = SampleDataset.Write(_temp);
        var committed = Path.Combine(SharedData.RepoRoot, "sample-data");
        foreach (var file in files)
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(committed, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(_temp, file))),
                $"sample-data/{file} differs from the generator's output; run sample-data/generate.sh");
        }
    }

    [Fact]
    public void Write_WholeFolder_StaysSmall()
    {
        var files = SampleDataset.Write(_temp);
        var bytes = files.Sum(f => new FileInfo(Path.Combine(_temp, f)).Length);
        Assert.InRange(bytes, 100_000, 3_000_000);
    }

    public void Dispose()
    {
        if (Directory.Exists(_temp))
            Directory.Delete(_temp, recursive: true);
    }
}
