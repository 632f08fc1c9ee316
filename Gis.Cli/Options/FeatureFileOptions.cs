using System.CommandLine;

namespace Gis.Cli.Options;

/// <summary>Options of every command that reads a GeoJSON/Shapefile/GeoPackage layer (boundaries, land use).</summary>
internal static class FeatureFileOptions
{
    public static Option<int?> Srid() => new("--srid") { Description = "CRS of the coordinates when the file names none: 4326, 32647 or 24047" };

    public static Option<string?> Encoding() => new("--encoding") { Description = "Shapefile text encoding, overriding the .cpg (e.g. TIS-620, 874, UTF-8)" };

    public static Option<string?> Layer() => new("--layer") { Description = "GeoPackage layer (default: the first)" };
}
