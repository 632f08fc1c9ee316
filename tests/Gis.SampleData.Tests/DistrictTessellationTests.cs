using System.Text.Json;
using Gis.SampleData.Geography;
using Gis.TestSupport;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Gis.SampleData.Tests;

public class DistrictTessellationTests
{
    private static readonly JsonSerializerOptions GeoJsonOptions = new() { Converters = { new GeoJsonConverterFactory() } };

    private static readonly IReadOnlyList<(District District, MultiPolygon Boundary)> Districts = DistrictTessellation.Build();

    [Fact]
    public void Build_AllDistricts_AreValidAndNonEmpty()
    {
        Assert.Equal(25, Districts.Count);
        Assert.Equal(Enumerable.Range(1, 25).Select(i => $"50{i:D2}"), Districts.Select(d => d.District.Code));
        Assert.All(Districts, d =>
        {
            Assert.True(d.Boundary.IsValid, d.District.Code);
            Assert.False(d.Boundary.IsEmpty, d.District.Code);
        });
    }

    [Fact]
    public void Build_Districts_TileTheProvince()
    {
        var province = DistrictTessellation.ProvinceOf(Districts);
        var outline = DistrictTessellation.Province();
        var sum = Districts.Sum(d => d.Boundary.Area);

        Assert.True(province.IsValid);
        Assert.Equal(province.Area, sum, province.Area * 1e-9);
        // No gaps: the union differs from the clipping outline only by grid snapping where borders meet it.
        Assert.Equal(outline.Area, province.Area, outline.Area * 1e-6);
        Assert.Equal(1, province.NumGeometries);
        for (var i = 0; i < Districts.Count; i++)
        {
            for (var j = i + 1; j < Districts.Count; j++)
            {
                // Interiors must not meet (DE-9IM II = 2); sharing borders is expected.
                Assert.False(Districts[i].Boundary.Relate(Districts[j].Boundary, "2********"),
                    $"{Districts[i].District.Code} overlaps {Districts[j].District.Code}");
            }
        }
    }

    [Fact]
    public void Build_EachCentre_LiesInItsOwnDistrict()
    {
        Assert.All(Districts, d =>
            Assert.True(d.Boundary.Contains(new Point(d.District.CentreLongitude, d.District.CentreLatitude)), d.District.Code));
    }

    [Fact]
    public void CommittedGeoJson_ReadsAsHdxLayout()
    {
        var path = Path.Combine(SharedData.RepoRoot, "sample-data", "boundaries", "chiang-mai-districts.geojson");
        var collection = JsonSerializer.Deserialize<FeatureCollection>(File.ReadAllText(path), GeoJsonOptions)!;

        Assert.Equal(25, collection.Count);
        Assert.All(collection, f =>
        {
            Assert.IsType<MultiPolygon>(f.Geometry);
            Assert.True(f.Geometry.IsValid);
            Assert.StartsWith("TH50", (string)f.Attributes["ADM2_PCODE"], StringComparison.Ordinal);
            Assert.Equal("TH50", f.Attributes["ADM1_PCODE"]);
            Assert.Equal("เชียงใหม่", f.Attributes["ADM1_TH"]);
        });
        Assert.Contains(collection, f => (string)f.Attributes["ADM2_PCODE"] == "TH5003" && (string)f.Attributes["ADM2_TH"] == "แม่แจ่ม");
    }
}
