using Gis.Core.LandUse;
using Gis.Importers.LandUse;

namespace Gis.Importers.Tests.LandUse;

public sealed class LandUseMappingFileTests
{
    [Theory]
    [InlineData("F201", true, HotspotLandClass.NationalReservedForest)]   // dense deciduous forest
    [InlineData("F200", true, HotspotLandClass.NationalReservedForest)]   // disturbed forest is still forest land
    [InlineData("A305", true, HotspotLandClass.Agriculture)]              // teak: forest plantation
    [InlineData("A413", true, HotspotLandClass.Agriculture)]              // longan orchard
    [InlineData("a302 ", true, HotspotLandClass.Agriculture)]             // rubber, case and spaces as files write them
    [InlineData("A101", false, HotspotLandClass.Agriculture)]             // paddy
    [InlineData("A101+A202", false, HotspotLandClass.Agriculture)]        // paddy with corn: the leading code decides
    [InlineData("A305/A413", true, HotspotLandClass.Agriculture)]         // teak or longan
    [InlineData("U601", true, HotspotLandClass.CommunityOther)]           // recreation area: urban green space
    [InlineData("U603", false, HotspotLandClass.CommunityOther)]          // cemetery
    [InlineData("W202", false, HotspotLandClass.CommunityOther)]          // farm pond
    [InlineData("M102", false, HotspotLandClass.CommunityOther)]          // shrubland
    public void Default_LddCodes_ClassifiedAsDocumented(string code, bool green, HotspotLandClass landClass)
    {
        var rule = LandUseMappingFile.Default.Classify(code);

        Assert.NotNull(rule);
        Assert.Equal((green, landClass), (rule.IsGreen, rule.LandClass));
    }

    [Fact]
    public void Default_UnknownLetter_HasNoRule() => Assert.Null(LandUseMappingFile.Default.Classify("X101"));

    [Fact]
    public void Parse_LongestPrefixWins_AndQuotedDescriptions()
    {
        var mapping = LandUseMappingFile.Parse("""
            # a comment
            code,green,land_class,description
            A,no,agriculture,"Farm, any"
            A4,yes,alro_land,Orchard
            A413,no,agriculture,Longan
            """, "test");

        Assert.Equal("Farm, any", mapping.Classify("A999")!.Description);
        Assert.Equal(HotspotLandClass.AlroLand, mapping.Classify("A401")!.LandClass);
        Assert.False(mapping.Classify("A413")!.IsGreen);
    }

    [Theory]
    [InlineData("code,green,land_class\nF,maybe,agriculture", "test: line 2: green is 'MAYBE'")]
    [InlineData("code,green,land_class\nF,yes,forest", "test: line 2: land_class 'forest' is not one of")]
    [InlineData("code,green\nF,yes", "test: line 1: the header has no column 'land_class'")]
    [InlineData("code,green,land_class\nF,yes,agriculture\nf,no,agriculture", "test: The land-use mapping names code 'F' twice")]
    [InlineData("# nothing\n", "test: has no mapping rules")]
    public void Parse_BadTable_SaysWhereAndWhy(string csv, string message)
    {
        var e = Assert.Throws<FormatException>(() => LandUseMappingFile.Parse(csv, "test"));

        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }
}
