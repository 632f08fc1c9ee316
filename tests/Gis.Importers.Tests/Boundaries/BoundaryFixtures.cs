using System.Diagnostics;
using System.Text.Json;
using NetTopologySuite.IO;
using NetTopologySuite.IO.Converters;

namespace Gis.Importers.Tests.Boundaries;

/// <summary>Small boundary files written at run time into a folder of their own, deleted afterwards.</summary>
internal sealed class BoundaryFixtures : IDisposable
{
    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    public string Folder { get; } = Directory.CreateTempSubdirectory("gis-boundaries-").FullName;

    public string PathOf(string fileName) => Path.Combine(Folder, fileName);

    /// <summary>A GeoJSON feature from WKT (null for a null geometry) and text properties.</summary>
    public static string Feature(string? wkt, params (string Key, string? Value)[] properties)
    {
        var propertiesJson = JsonSerializer.Serialize(properties.ToDictionary(p => p.Key, p => p.Value));
        var geometryJson = wkt is null ? "null" : JsonSerializer.Serialize(new WKTReader().Read(wkt), GeoJson);
        return $$"""
            {"type":"Feature","properties":{{propertiesJson}},"geometry":{{geometryJson}}}
            """;
    }

    /// <summary>Writes a FeatureCollection of the given features; returns its path.</summary>
    public string WriteGeoJson(string fileName, params string[] features)
    {
        var path = PathOf(fileName);
        File.WriteAllText(path, $$"""{"type":"FeatureCollection","features":[{{string.Join(",", features)}}]}""");
        return path;
    }

    /// <summary>Runs GDAL's ogr2ogr (Debian gdal-bin); a missing ogr2ogr fails the test rather than skipping it.</summary>
    public static void Ogr2Ogr(params string[] arguments)
    {
        var start = new ProcessStartInfo("ogr2ogr") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("ogr2ogr did not start");
        var errors = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"ogr2ogr {string.Join(' ', arguments)} failed: {errors}");
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
