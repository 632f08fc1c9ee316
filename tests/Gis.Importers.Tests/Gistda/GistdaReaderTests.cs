using System.Text;
using Gis.Core.Hotspots;
using Gis.Core.LandUse;
using Gis.Importers.Features;
using Gis.Importers.Gistda;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;

namespace Gis.Importers.Tests.Gistda;

/// <summary>GISTDA exports in their three shapes, hand-made after the fields documented in docs/gistda-format.md.</summary>
public sealed class GistdaReaderTests : IDisposable
{
    private const string Wgs84Prj =
        """GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],"""
        + """UNIT["Degree",0.0174532925199433]]""";

    // A spreadsheet export with Thai headers: Thai (BE) date and Thai time, no UTC fields, no satellite column.
    private const string ThaiHeaderCsv = """
        ละติจูด,ลองจิจูด,วันที่,เวลา,ความเชื่อมั่น,จังหวัด,อำเภอ,ตำบล,ประเภทพื้นที่
        19.53599,98.94472,15/03/2569,13:27,สูง,เชียงใหม่,เชียงดาว,เชียงดาว,ป่าอนุรักษ์
        18.77905,98.96909,2569-03-11,0143,ปานกลาง,เชียงใหม่,เมืองเชียงใหม่,ศรีภูมิ,ชุมชนและอื่นๆ
        18.77905,98.96909,11/03/2569,25:10,ปานกลาง,เชียงใหม่,เมืองเชียงใหม่,ศรีภูมิ,ชุมชนและอื่นๆ
        18.77905,98.96909,11/03/2569,01:10,ปานกลาง,เชียงใหม่
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("gistda-reader-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ThaiHeaderCsv_Utf8_ReadsBeDatesAndThaiTimeAsUtc_AndRejectsBadLinesByNumber()
    {
        var path = Write("thai.csv", ThaiHeaderCsv, new UTF8Encoding(false));
        AssertThaiHeaderRows(path, GistdaReader.Read(path).ToList());
    }

    [Fact]
    public void ThaiHeaderCsv_Tis620WithoutBom_IsDetected()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var path = Write("thai-tis620.csv", ThaiHeaderCsv, Encoding.GetEncoding(874));
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(File.ReadAllBytes(path)));
        AssertThaiHeaderRows(path, GistdaReader.Read(path).ToList());
    }

    private static void AssertThaiHeaderRows(string path, List<GistdaRow> rows)
    {
        Assert.Equal([2, 3, 4, 5], rows.Select(r => r.Number));
        var first = rows[0].Hotspot!;
        // 15 March 2569 BE 13:27 Thai time = 15 March 2026 06:27 UTC.
        Assert.Equal(new DateTime(2026, 3, 15, 6, 27, 0, DateTimeKind.Utc), first.AcquiredUtc);
        Assert.Equal((98.94472, 19.53599), (first.Longitude, first.Latitude));
        Assert.Equal(Satellite.SuomiNpp, first.Satellite);
        Assert.Equal(Confidence.High, first.Confidence);
        Assert.Equal(("เชียงใหม่", "เชียงดาว", "เชียงดาว"), (first.ProvinceTh, first.DistrictTh, first.SubdistrictTh));
        Assert.Equal(HotspotLandClass.ConservationForest, first.LandClass);
        Assert.Equal($"{path} line 2", first.Origin);
        // 01:43 on 11 March (Thai) is still 10 March in UTC.
        var second = rows[1].Hotspot!;
        Assert.Equal(new DateTime(2026, 3, 10, 18, 43, 0, DateTimeKind.Utc), second.AcquiredUtc);
        Assert.Equal(new DateOnly(2026, 3, 11), second.LocalDay);
        Assert.Equal(HotspotLandClass.CommunityOther, second.LandClass);

        Assert.Equal($"{path} line 4: TH_TIME '25:10' is not a time (HHMM or HH:mm, Thai time)", rows[2].Rejection!.Reason);
        Assert.Equal($"{path} line 5: 6 fields, the header has 9", rows[3].Rejection!.Reason);
    }

    [Fact]
    public void ApiGeoJson_UsesGeometryAndUtcFields()
    {
        var path = Write("viirs-1day.geojson", """
            {"type":"FeatureCollection","numberMatched":2,"features":[
             {"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[98.94472,19.53599]},
              "properties":{"latitude":19.53599,"longitude":98.94472,"acq_date":"2026-03-15T00:00:00","acq_time":"0627",
                "th_date":"2026-03-15T00:00:00","th_time":1327,"satellite":"N","confidence":"nominal","frp":12.8,
                "pv_tn":"เชียงใหม่","ap_tn":"เชียงดาว","tb_tn":"เชียงดาว","lu_name":"เขต สปก.",
                "lu_hp_name":"ข้าวโพดและไร่หมุนเวียน","hotspotid":"X1"}},
             {"type":"Feature","id":"b","geometry":{"type":"Point","coordinates":[98.96909,18.77905]},
              "properties":{"acq_date":"2026-03-15T00:00:00","acq_time":"0627","satellite":"N","confidence":"nominal",
                "lu_name":"พื้นที่ริมทางหลวง"}}]}
            """, new UTF8Encoding(false));
        var rows = GistdaReader.Read(path).ToList();
        Assert.All(rows, r => Assert.Null(r.Rejection));
        var a = rows[0].Hotspot!;
        Assert.Equal(new DateTime(2026, 3, 15, 6, 27, 0, DateTimeKind.Utc), a.AcquiredUtc);
        Assert.Equal((HotspotLandClass.AlroLand, "X1", 12.8), (a.LandClass, a.HotspotRef, a.FrpMw));
        Assert.Equal(HotspotLandClass.HighwaySide, rows[1].Hotspot!.LandClass);
        Assert.Equal((98.96909, 18.77905), (rows[1].Hotspot!.Longitude, rows[1].Hotspot!.Latitude));
    }

    [Fact]
    public void Shapefile_Tis620_DbfDateAndNumericTime()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var path = Path.Combine(_dir, "hotspot.shp");
        var attributes = new AttributesTable
        {
            { "LATITUDE", 18.57789 }, { "LONGITUDE", 98.35427 }, { "ACQ_DATE", new DateTime(2026, 3, 20) }, { "ACQ_TIME", 615 },
            { "SATELLITE", "N" }, { "CONFIDENCE", "nominal" }, { "PV_TN", "เชียงใหม่" }, { "AP_TN", "แม่แจ่ม" }, { "TB_TN", "ช่างเคิ่ง" },
            { "LU_NAME", "ป่าสงวนแห่งชาติ" },
        };
        Shapefile.WriteAllFeatures([new Feature(new Point(98.35427, 18.57789), attributes)], path, Wgs84Prj, Encoding.GetEncoding(874));
        File.WriteAllText(Path.ChangeExtension(path, ".cpg"), "TIS-620");

        var row = Assert.Single(GistdaReader.Read(path));
        var h = row.Hotspot!;
        Assert.Equal(new DateTime(2026, 3, 20, 6, 15, 0, DateTimeKind.Utc), h.AcquiredUtc);
        Assert.Equal(("แม่แจ่ม", HotspotLandClass.NationalReservedForest), (h.DistrictTh, h.LandClass));
        Assert.Equal($"{path} feature 1", h.Origin);
    }

    [Fact]
    public void NotGistda_IsRefusedWhole()
    {
        var noCoordinates = Write("no-coords.csv", "ACQ_DATE,ACQ_TIME,LU_NAME\n2026-03-15,627,ป่าอนุรักษ์\n", new UTF8Encoding(false));
        var e = Assert.Throws<FeatureFormatException>(() => GistdaReader.Read(noCoordinates));
        Assert.Contains("no LATITUDE and LONGITUDE", e.Message, StringComparison.Ordinal);
        Assert.Contains(noCoordinates, e.Message, StringComparison.Ordinal);

        var noDate = Write("no-date.csv", "LATITUDE,LONGITUDE\n18.7,98.9\n", new UTF8Encoding(false));
        Assert.Contains("no ACQ_DATE or TH_DATE", Assert.Throws<FeatureFormatException>(() => GistdaReader.Read(noDate)).Message,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ป่าอนุรักษ์", HotspotLandClass.ConservationForest)]
    [InlineData("ป่าสงวนแห่งชาติ", HotspotLandClass.NationalReservedForest)]
    [InlineData("เขต สปก.", HotspotLandClass.AlroLand)]
    [InlineData("พื้นที่ ส.ป.ก.", HotspotLandClass.AlroLand)]
    [InlineData("เขตปฏิรูปที่ดินเพื่อเกษตรกรรม", HotspotLandClass.AlroLand)]
    [InlineData("พื้นที่เกษตร", HotspotLandClass.Agriculture)]
    [InlineData("ชุมชนและอื่น ๆ", HotspotLandClass.CommunityOther)]
    [InlineData("ชุมชนและอื่นๆ", HotspotLandClass.CommunityOther)]
    [InlineData("พื้นที่ริมทางหลวง", HotspotLandClass.HighwaySide)]
    [InlineData("alro_land", HotspotLandClass.AlroLand)]
    [InlineData("ทุ่งหญ้า", null)]
    [InlineData("", null)]
    public void LandClassNames(string name, HotspotLandClass? expected) => Assert.Equal(expected, GistdaLandClasses.Parse(name));

    [Theory]
    [InlineData("2026-03-15", false, "2026-03-15")]
    [InlineData("2569-03-15", false, "2026-03-15")]
    [InlineData("15/03/2569", false, "2026-03-15")]
    [InlineData("15/3/2026", false, "2026-03-15")]
    [InlineData("2026-03-15T00:00:00Z", false, "2026-03-15")]
    [InlineData("20260315", false, "2026-03-15")]
    [InlineData("03/15/2026 00:00:00", true, "2026-03-15")]
    [InlineData("29/02/2567", false, "2024-02-29")]
    public void Days(string text, bool monthFirst, string expected)
    {
        Assert.True(GistdaReader.TryDay(text, monthFirst, out var day));
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), day);
    }

    [Theory]
    [InlineData("30/02/2569")]
    [InlineData("15/13/2026")]
    [InlineData("yesterday")]
    public void BadDays(string text) => Assert.False(GistdaReader.TryDay(text, false, out _));

    private string Write(string name, string text, Encoding encoding)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text.ReplaceLineEndings("\n") + "\n", encoding);
        return path;
    }
}
