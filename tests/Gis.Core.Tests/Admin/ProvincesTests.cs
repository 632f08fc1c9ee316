using Gis.Core.Admin;

namespace Gis.Core.Tests.Admin;

public class ProvincesTests
{
    [Theory]
    // The FY 2565 budget bill's unit: the extraction dropped the cluster's number; its lines name provinces of both.
    [InlineData("กลุ่มจังหวัดภาคเหนือตอนบน", "50 51 52 54 55 56 57 58")]
    [InlineData("กลุ่มจังหวัดภาคเหนือตอนบน 1", "50 51 52 58")]
    [InlineData("กลุ่มจังหวัดภาคเหนือตอนบน2", "54 55 56 57")]
    [InlineData("กลุ่มจังหวัดภาคเหนือตอนล่าง 1", "53 63 64 65 67")]
    [InlineData("จังหวัดเชียงใหม่", "50")]
    [InlineData("สำนักงานป้องกันและบรรเทาสาธารณภัยจังหวัดเชียงใหม่", "50")]
    [InlineData("Chiang Mai Province", "50")]
    [InlineData("จังหวัด ลำพูน และจังหวัดลำปาง", "51 52")]
    // A cluster not on the list names no province (its "จังหวัด" is not a province name either).
    [InlineData("กลุ่มจังหวัดภาคใต้ชายแดน", "")]
    [InlineData("สำนักจัดการทรัพยากรป่าไม้ที่ 1 (เชียงใหม่)", "")]
    [InlineData("", "")]
    public void NamedBy_AgencyText_TheProvincesItNamesAsAWhole(string text, string expected)
    {
        Assert.Equal(expected, string.Join(" ", Provinces.NamedBy(text)));
    }

    [Fact]
    public void All_77ProvincesWithUniqueCodes_AndEveryClusterMemberIsOne()
    {
        Assert.Equal(77, Provinces.All.Select(p => p.Code).Distinct().Count());
        Assert.All(Provinces.Clusters.Values.SelectMany(c => c), code => Assert.NotNull(Provinces.Find(code)));
        Assert.Equal(("เชียงใหม่", "Chiang Mai"), Provinces.Find("50"));
    }
}
