using Gis.Core.Targets;

namespace Gis.Core.Tests.Targets;

public sealed class TargetSettingsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("target-settings-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Csv(params string[] lines)
    {
        var path = Path.Combine(_dir, $"targets-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, string.Join('\n', lines));
        return path;
    }

    [Fact]
    public void TargetFor_NothingSet_IsThePlansMinusFive_NoCap()
    {
        var settings = new TargetSettings();
        Assert.Equal(-5, settings.TargetFor("5003"));
        Assert.Equal(-5, settings.TargetFor("50"));
        Assert.Null(settings.CapFor("5003"));
    }

    [Fact]
    public void TargetFor_OwnDefaultAndOneOverride_OnlyThatCodeDiffers()
    {
        var settings = new TargetSettings(-10);
        settings.SetTarget("5003", -2.5);
        Assert.Equal(-2.5, settings.TargetFor("5003"));
        Assert.Equal(-10, settings.TargetFor("5001"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void SetCap_ZeroOrLess_Refused(double cap)
    {
        var settings = new TargetSettings();
        var e = Assert.Throws<FormatException>(() => settings.SetCap("5003", cap));
        Assert.Contains("a cap must be more than zero", e.Message, StringComparison.Ordinal);
        Assert.Null(settings.CapFor("5003"));
    }

    [Theory]
    [InlineData("5003=-10", "5003", -10)]
    [InlineData("TH5003=2.5", "5003", 2.5)]
    [InlineData("50=-7", "50", -7)]
    [InlineData("5010=1e2", "5010", 100)]
    public void ParsePair_CodeEqualsNumber_CodeNormalised(string text, string code, double value) =>
        Assert.Equal((code, value), TargetSettings.ParsePair(text));

    [Theory]
    [InlineData("5003")]
    [InlineData("5003=")]
    [InlineData("5003=-10=2")]
    [InlineData("Mae Chaem=-10")]
    [InlineData("503=-10")]
    [InlineData("5003=ten")]
    [InlineData("5003=-10,5")]
    [InlineData("5003=NaN")]
    [InlineData("5003=Infinity")]
    public void ParsePair_NotCodeEqualsFiniteNumber_RefusedWithExample(string text)
    {
        var e = Assert.Throws<FormatException>(() => TargetSettings.ParsePair(text));
        Assert.Equal($"'{text}' is not CODE=NUMBER (e.g. 5003=-10).", e.Message);
    }

    [Fact]
    public void LoadCsv_TargetsAndCaps_BlankValuesKeepTheDefault()
    {
        var settings = new TargetSettings();
        settings.LoadCsv(Csv(
            "Code, Target_Pct, Cap",
            "5003,-10,120",
            "",
            " TH5001 , , 80 ",
            "5002,-7",
            "50,-6,",
            "5004"));
        Assert.Equal<(double, double?)>((-10, 120), (settings.TargetFor("5003"), settings.CapFor("5003")));
        Assert.Equal<(double, double?)>((-5, 80), (settings.TargetFor("5001"), settings.CapFor("5001")));
        Assert.Equal<(double, double?)>((-7, null), (settings.TargetFor("5002"), settings.CapFor("5002")));
        Assert.Equal<(double, double?)>((-6, null), (settings.TargetFor("50"), settings.CapFor("50")));
        Assert.Equal<(double, double?)>((-5, null), (settings.TargetFor("5004"), settings.CapFor("5004")));
    }

    [Fact]
    public void LoadCsv_OverridesWhatWasSetBefore_KeepsTheRest()
    {
        var settings = new TargetSettings();
        settings.SetTarget("5003", -20);
        settings.SetTarget("5005", -30);
        settings.LoadCsv(Csv("code,target_pct,cap", "5003,-10,"));
        Assert.Equal(-10, settings.TargetFor("5003"));
        Assert.Equal(-30, settings.TargetFor("5005"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("district,target")]
    [InlineData("5003,-10,120")]
    [InlineData("code,cap\n5003,120")]
    public void LoadCsv_NoHeader_RefusedAtLineOne(string text)
    {
        var path = Csv(text);
        var e = Assert.Throws<FormatException>(() => new TargetSettings().LoadCsv(path));
        Assert.Equal($"{path}: line 1: expected the header code,target_pct,cap.", e.Message);
    }

    [Theory]
    // Blank lines are skipped but still counted: the bad line is the file's fourth.
    [InlineData("Mae Chaem,-10,", "line 4: 'Mae Chaem' is not a DOPA code.")]
    [InlineData(",-10,", "line 4: '' is not a DOPA code.")]
    [InlineData("5003,minus ten,", "line 4: target_pct 'minus ten' is not a number.")]
    [InlineData("5003,-10,lots", "line 4: cap 'lots' is not a number.")]
    [InlineData("5003,-10,Infinity", "line 4: cap 'Infinity' is not a number.")]
    [InlineData("5003,NaN", "line 4: target_pct 'NaN' is not a number.")]
    public void LoadCsv_BadLine_RefusedNamingFileAndLine(string line, string message)
    {
        var path = Csv("code,target_pct,cap", "5001,-5,", "", line, "5002,-5,");
        var e = Assert.Throws<FormatException>(() => new TargetSettings().LoadCsv(path));
        Assert.Equal($"{path}: {message}", e.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public void LoadCsv_CapOfZeroOrLess_RefusedNamingFileAndLine(string cap)
    {
        var path = Csv("code,target_pct,cap", "5001,-5,", $"5003,-10,{cap}");
        var e = Assert.Throws<FormatException>(() => new TargetSettings().LoadCsv(path));
        Assert.Equal($"{path}: line 3: cap {cap} for 5003: a cap must be more than zero.", e.Message);
    }
}
