using Gis.Core.Admin;

namespace Gis.Core.Tests;

public class DopaCodeTests
{
    [Theory]
    [InlineData("TH5001", "5001")]
    [InlineData("th50", "50")]
    [InlineData(" 500101 ", "500101")]
    [InlineData("5001", "5001")]
    public void TryNormalize_AcceptedSpellings_GiveBareDigits(string input, string expected)
    {
        Assert.True(DopaCode.TryNormalize(input, out var code));
        Assert.Equal(expected, code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("TH501")]
    [InlineData("50A1")]
    [InlineData("THTH50")]
    public void TryNormalize_NotACode_IsRefused(string input) => Assert.False(DopaCode.TryNormalize(input, out _));

    [Fact]
    public void ParentOf_District_IsProvince()
    {
        Assert.Equal("50", DopaCode.ParentOf("5001"));
        Assert.Null(DopaCode.ParentOf("50"));
        Assert.Equal(AdminLevel.District, DopaCode.LevelOf("5001"));
    }
}
