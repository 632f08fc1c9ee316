using System.CommandLine;

namespace Gis.Cli.Commands;

/// <summary><c>gis import boundaries</c>: provinces, districts, subdistricts.</summary>
internal static class BoundariesCommand
{
    public static Command Create()
    {
        var command = new Command("boundaries", "Import administrative boundaries (GeoJSON, Shapefile, GeoPackage)");
        return command;
    }
}
