using System.Diagnostics;
using System.Globalization;
using Gis.SampleData;
using Gis.SampleData.Firms;

// Usage:
//   sample OUTDIR                                                   the sample dataset (sample-data/)
//   firms --rows N --out FILE.csv [--seed S] [--duplicates 0.1]     a large FIRMS file for the benchmarks
//         [--bbox WEST,SOUTH,EAST,NORTH] [--years 2025,2026] [--sites SITES.csv (lon,lat per line)]
return args switch
{
    ["sample", var outDir] => Sample(outDir),
    ["firms", .. var rest] => Firms(rest),
    _ => Usage(),
};

static int Sample(string outDir)
{
    foreach (var path in SampleDataset.Write(outDir))
    {
        var bytes = new FileInfo(Path.Combine(outDir, path)).Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{bytes,10:N0}  {path}"));
    }
    return 0;
}

static int Firms(string[] options)
{
    long rows = -1;
    string? output = null;
    var seed = SampleDataset.DefaultSeed;
    var duplicates = 0.1;
    (double, double, double, double)? box = null;
    int[]? years = null;
    List<(double, double)>? sites = null;
    for (var i = 0; i + 1 < options.Length; i += 2)
    {
        var value = options[i + 1];
        switch (options[i])
        {
            case "--rows":
                rows = long.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture);
                break;
            case "--out":
                output = value;
                break;
            case "--seed":
                seed = ulong.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture);
                break;
            case "--duplicates":
                duplicates = double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
                break;
            case "--bbox":
                var edges = value.Split(',').Select(v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
                if (edges.Length != 4)
                    return Usage();
                box = (edges[0], edges[1], edges[2], edges[3]);
                break;
            case "--sites":
                sites = [];
                foreach (var line in File.ReadLines(value).Where(l => l.Length > 0))
                {
                    var lonLat = line.Split(',');
                    if (lonLat.Length != 2)
                        return Usage();
                    sites.Add((double.Parse(lonLat[0], NumberStyles.Float, CultureInfo.InvariantCulture),
                        double.Parse(lonLat[1], NumberStyles.Float, CultureInfo.InvariantCulture)));
                }
                break;
            case "--years":
                years = [.. value.Split(',').Select(v => int.Parse(v, NumberStyles.Integer, CultureInfo.InvariantCulture))];
                break;
            default:
                return Usage();
        }
    }
    if (rows < 0 || output is null || options.Length % 2 != 0)
        return Usage();

    var clock = Stopwatch.StartNew();
    using (var stream = File.Create(output))
        BenchmarkFile.Write(stream, rows, seed, duplicates, box, years, sites);
    var seconds = clock.Elapsed.TotalSeconds;
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{rows:N0} rows to {output} in {seconds:F1} s ({rows / Math.Max(seconds, 1e-9):N0} rows/s)"));
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage: Gis.SampleData sample OUTDIR
               Gis.SampleData firms --rows N --out FILE.csv [--seed S] [--duplicates SHARE]
                                    [--bbox WEST,SOUTH,EAST,NORTH] [--years CE,CE...] [--sites LONLAT.csv]
        """);
    return 2;
}
