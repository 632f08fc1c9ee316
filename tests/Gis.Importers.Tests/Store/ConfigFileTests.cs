using Gis.Importers.Store;

namespace Gis.Importers.Tests.Store;

/// <summary><c>$GIS_HOME/config.json</c> is read only when private to its owner, and never repeated in a message.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ConfigFileTests : IDisposable
{
    private const string Secret = "smtp-secret-7c1e";
    private readonly string _path = Path.Combine(Directory.CreateTempSubdirectory("gis-config-").FullName, "config.json");

    public ConfigFileTests() => File.WriteAllText(_path, $$"""{"smtp_password": "{{Secret}}", "smtp_port": 2525}""");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_path)!, true);

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, "644")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, "640")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherWrite, "602")]
    public void Value_FileOthersMayReadOrWrite_IsRefusedWithoutItsText(UnixFileMode mode, string octal)
    {
        File.SetUnixFileMode(_path, mode);
        var error = Assert.Throws<FormatException>(() => ConfigFile.Value("smtp_password", _path));
        Assert.Contains($"mode {octal}", error.Message, StringComparison.Ordinal);
        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Value_PrivateFile_GivesStringsOnly()
    {
        File.SetUnixFileMode(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Equal(Secret, ConfigFile.Value("smtp_password", _path));
        Assert.Null(ConfigFile.Value("smtp_port", _path));
        Assert.Null(ConfigFile.Value("smtp_user", _path));
        Assert.Null(ConfigFile.Value("smtp_user", _path + ".missing"));
    }

    [Fact]
    public void Value_BrokenJson_NamesTheLineNotTheText()
    {
        File.WriteAllText(_path, "{\n\"smtp_password\": \"" + Secret + "\"\n");
        File.SetUnixFileMode(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var error = Assert.Throws<FormatException>(() => ConfigFile.Value("smtp_password", _path));
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }
}
