using Gis.Importers.Boundaries;
using Gis.Importers.Features;
using Gis.Importers.LandUse;
using Gis.Importers.Projects;
using Gis.Importers.Tests.Boundaries;

namespace Gis.Importers.Tests.Features;

/// <summary>
/// A GeoJSON that declares EPSG:32647 but holds degrees (issue 13): read as metres, Mae Chaem would be stored at about
/// 94.5 E, 0.0002 N with an area of a fraction of a square metre. Every polygon reader refuses it with the reason.
/// </summary>
public sealed class CrsSanityTests : IDisposable
{
    private const string MaeChaemDegrees = "POLYGON ((98.35 18.57, 98.36 18.57, 98.36 18.58, 98.35 18.58, 98.35 18.57))";

    private readonly BoundaryFixtures _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>One feature of degree coordinates in a file whose <c>crs</c> says UTM 47N.</summary>
    private string DegreesDeclaredUtm(params (string Key, string? Value)[] properties)
    {
        var path = _files.PathOf("declared-utm.geojson");
        var crs = """{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32647"}}""";
        File.WriteAllText(path,
            $$"""{"type":"FeatureCollection","crs":{{crs}},"features":[{{BoundaryFixtures.Feature(MaeChaemDegrees, properties)}}]}""");
        return path;
    }

    private static void AssertReason(string path, string message)
    {
        Assert.StartsWith($"{path}: feature 1: ", message, StringComparison.Ordinal);
        Assert.Contains("once read as EPSG:32647, outside Thailand (lon 92..110, lat 3..23)", message, StringComparison.Ordinal);
        Assert.Contains("the coordinates (lon 98.35..98.36, lat 18.57..18.58) look like degrees but are read as EPSG:32647; "
            + "give --srid 4326?", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Boundaries_DegreesDeclaredAsUtm_Refused_AndSrid4326ReadsThem()
    {
        var path = DegreesDeclaredUtm(("ADM2_PCODE", "TH5003"), ("ADM2_TH", "แม่แจ่ม"));

        var e = Assert.Throws<BoundaryFormatException>(() => BoundaryReader.Read(path));

        AssertReason(path, e.Message);
        Assert.Contains("lies at lon 94.5", e.Message, StringComparison.Ordinal);
        var corner = BoundaryReader.Read(path, new BoundaryReadOptions(SourceSrid: Core.Srid.Wgs84)).Areas[0].Boundary.Coordinates[0];
        Assert.Equal((98.35, 18.57), (corner.X, corner.Y));
    }

    [Fact]
    public void LandUse_DegreesDeclaredAsUtm_Refused()
    {
        var path = DegreesDeclaredUtm(("LU_CODE", "F201"));
        using var layer = LandUseReader.Open(path, LandUseMappingFile.Default);

        var e = Assert.Throws<FeatureFormatException>(() => layer.Parcels().ToList());

        AssertReason(path, e.Message);
    }

    [Fact]
    public void ProjectAreas_DegreesDeclaredAsUtm_RefusedFeature_AndSrid4326ReadsThem()
    {
        var path = DegreesDeclaredUtm(("project_code", "G1"));

        var result = ProjectReader.Read(path);

        Assert.True(result.Refused);
        var problem = Assert.Single(result.Problems);
        AssertReason(path, $"{path}: feature {problem.Number}: {problem.Message}");
        Assert.Single(ProjectReader.Read(path, new ProjectReadOptions(SourceSrid: Core.Srid.Wgs84)).Areas);
    }
}
