using Gis.Core.Text;

namespace Gis.Core.Tests;

public class ThaiTextTests
{
    [Fact]
    public void Normalize_DecomposedSaraAm_EqualsComposed() =>
        // อำเภอ written with nikhahit + sara aa, as one field of the fire-fund data does.
        Assert.Equal("อำเภอ", ThaiText.Normalize("อ\u0E4D\u0E32เภอ"));

    [Theory]
    [InlineData(null, "")]
    [InlineData("   ", "")]
    [InlineData(" แม่แจ่ม ", "แม่แจ่ม")]
    public void Normalize_BlankOrPadded_IsTrimmed(string? input, string expected) =>
        Assert.Equal(expected, ThaiText.Normalize(input));
}
