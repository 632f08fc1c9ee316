using System.Text;
using Gis.Importers.Projects;

namespace Gis.Importers.Tests.Projects;

/// <summary>A project CSV saved as TIS-620 (as Excel saves a Thai CSV) is converted and says so; bytes of neither are refused.</summary>
public sealed class ProjectCsvEncodingTests : IDisposable
{
    private const string Csv = "code,name_th,fiscal_year,target_kind\nX-1,ปลูกป่าแม่แจ่ม,2568,green\nX-2,ฟื้นฟูป่าชุมชน,2568,green\n";

    private readonly string _dir = Directory.CreateTempSubdirectory("gis-projects-encoding-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Encoding Tis620()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(874);
    }

    private string Write(byte[] bytes)
    {
        var path = Path.Combine(_dir, "projects.csv");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Read_Tis620Csv_ThaiNamesIntact_AndSaysItWasConverted()
    {
        var path = Write(Tis620().GetBytes(Csv));

        var result = ProjectReader.Read(path);

        Assert.Empty(result.Problems);
        Assert.Equal(["ปลูกป่าแม่แจ่ม", "ฟื้นฟูป่าชุมชน"], result.Projects.Select(p => p.NameTh));
        Assert.Equal($"{path}: read as TIS-620 (not valid UTF-8)", result.Notes[0]);
    }

    [Fact]
    public void Read_Utf8Csv_NoNote()
    {
        var result = ProjectReader.Read(Write(Encoding.UTF8.GetBytes(Csv)));

        Assert.Equal("ปลูกป่าแม่แจ่ม", result.Projects[0].NameTh);
        Assert.Empty(result.Notes);
    }

    [Fact]
    public void Read_BytesOfNeitherEncoding_RefusedNamingFileAndLine()
    {
        // Line 3 carries 0x81: a stray UTF-8 continuation byte, and no TIS-620 character either.
        var bytes = Encoding.UTF8.GetBytes(Csv).ToList();
        var thirdLine = Encoding.UTF8.GetByteCount(Csv.Split('\n')[0] + "\n" + Csv.Split('\n')[1] + "\n");
        bytes.Insert(thirdLine + 5, 0x81);
        var path = Write([.. bytes]);

        var e = Assert.Throws<ProjectFormatException>(() => ProjectReader.Read(path));

        Assert.Equal($"{path}: line 3 is neither UTF-8 nor TIS-620 text: save the file as CSV UTF-8", e.Message);
    }
}
