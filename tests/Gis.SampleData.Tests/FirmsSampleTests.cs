using System.Globalization;
using Gis.Core.Hotspots;
using Gis.SampleData.Firms;
using Gis.TestSupport;

namespace Gis.SampleData.Tests;

public class FirmsSampleTests
{
    private static string FirmsDir => Path.Combine(SharedData.RepoRoot, "sample-data", "firms");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(FirmsDir, "viirs-*.csv").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void SeasonFile_EveryRow_Parses(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(FirmsDir, file));
        var header = lines[0].Split(',');
        Assert.Equal(file.Contains("nrt", StringComparison.Ordinal) ? 14 : 15, header.Length);
        var year = int.Parse(file.Split('-')[2][..4], CultureInfo.InvariantCulture);
        Assert.True(lines.Length > 500);
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            Assert.Equal(header.Length, f.Length);
            var lat = double.Parse(f[0], NumberStyles.Float, CultureInfo.InvariantCulture);
            var lon = double.Parse(f[1], NumberStyles.Float, CultureInfo.InvariantCulture);
            Assert.InRange(lat, 17.0, 20.6);
            Assert.InRange(lon, 97.3, 101.5);
            var date = DateOnly.ParseExact(f[5], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            // The previous 31 December appears too: a night pass already on 1 January in Bangkok.
            Assert.InRange(date, new DateOnly(year - 1, 12, 31), new DateOnly(year, 12, 31));
            var hhmm = int.Parse(f[6], NumberStyles.None, CultureInfo.InvariantCulture);
            Assert.True(hhmm / 100 is 6 or 18 && hhmm % 100 < 60, line);
            Assert.True(Satellites.TryParse(f[7], out _));
            Assert.NotNull(Confidences.TryParseClass(f[9]));
            Assert.InRange(double.Parse(f[2], CultureInfo.InvariantCulture), 290, 367);
            Assert.InRange(double.Parse(f[12], CultureInfo.InvariantCulture), 0.1, 1000);
            Assert.Equal(hhmm / 100 == 6 ? "D" : "N", f[13]);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void SeasonFile_MarchAndApril_HoldMostRows(string file)
    {
        var dates = File.ReadLines(Path.Combine(FirmsDir, file)).Skip(1).Select(l => l.Split(',')[5]).ToList();
        var marchApril = dates.Count(d => d[5..7] is "03" or "04");
        Assert.True(marchApril > dates.Count / 2, $"{marchApril} of {dates.Count}");
    }

    [Fact]
    public void Summary_2569Against2568_HasMetMissedAndNoBaselineDistricts()
    {
        var rows = File.ReadLines(Path.Combine(FirmsDir, "..", "expected",
            "hotspots-by-district.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        int Count(int year, string district) => int.Parse(
            rows.Single(r => r[0] == $"viirs-snpp-{year}.csv" && r[1] == district)[3], CultureInfo.InvariantCulture);

        var statuses = Enumerable.Range(1, 25).Select(i => $"50{i:D2}").Select(d =>
            Count(2025, d) == 0 ? "no-baseline" : (Count(2026, d) - Count(2025, d)) * 100.0 / Count(2025, d) <= -5 ? "met"
                : "missed").ToList();

        Assert.True(statuses.Count(s => s == "met") >= 15);
        Assert.True(statuses.Count(s => s == "missed") >= 3);
        Assert.Contains("no-baseline", statuses);
    }

    [Fact]
    public void NrtFiles_RepeatSomeRowsVerbatim_StandardFilesDoNot()
    {
        var nrt = File.ReadAllLines(Path.Combine(FirmsDir, "viirs-noaa20-2026-nrt.csv")).Skip(1).ToList();
        var standard = File.ReadAllLines(Path.Combine(FirmsDir, "viirs-snpp-2026.csv")).Skip(1).ToList();
        Assert.True(nrt.Count - nrt.Distinct().Count() > 10);
        Assert.Equal(standard.Count, standard.Distinct().Count());
        // The same detection in two files: 31 Dec night rows of one year's file reappear in the next.
        var previous = File.ReadAllLines(Path.Combine(FirmsDir, "viirs-snpp-2025.csv")).Skip(1);
        Assert.NotEmpty(previous.Intersect(standard));
    }

    [Fact]
    public void Format_FirmsRow_WritesFirmsStyleNumbers()
    {
        var row = new FirmsRow(1750050, 9897648, new DateOnly(2026, 3, 29), 652, 'n', true, 34324, 44, 38, 30600, 490, 0);
        Span<char> buffer = stackalloc char[FirmsLayout.MaxRowLength];

        var nrt = new string(buffer[..FirmsLayout.Noaa20Nrt.Format(row, buffer)]);
        var standard = new string(buffer[..FirmsLayout.SuomiNppStandard.Format(row, buffer)]);

        Assert.Equal("17.5005,98.97648,343.24,0.44,0.38,2026-03-29,652,N20,VIIRS,n,2.0NRT,306.0,4.9,D\n", nrt);
        Assert.Equal("17.5005,98.97648,343.24,0.44,0.38,2026-03-29,0652,N,VIIRS,n,2,306.0,4.9,D,0\n", standard);
    }

    [Fact]
    public void BenchmarkFile_SameSeed_SameBytesAndRequestedRows()
    {
        using var a = new MemoryStream();
        using var b = new MemoryStream();
        BenchmarkFile.Write(a, 20_000, 7, 0.1);
        BenchmarkFile.Write(b, 20_000, 7, 0.1);

        Assert.Equal(a.ToArray(), b.ToArray());
        var lines = System.Text.Encoding.UTF8.GetString(a.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(20_001, lines.Length);
        var repeats = lines.Length - 1 - lines.Skip(1).Distinct().Count();
        Assert.InRange(repeats, 1_600, 2_400);
    }
}
