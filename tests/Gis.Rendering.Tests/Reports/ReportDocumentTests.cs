using Gis.Core.Periods;
using Gis.Core.Targets;
using Gis.Rendering.Maps;
using Gis.Rendering.Reports;
using Gis.TestSupport;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Gis.Rendering.Tests.Reports;

/// <summary>
/// Pagination of a report too long for one page, without a database: 60 districts make the province table break
/// (the header repeated on every page, no row split or lost) and the contents run over two pages, with page numbers
/// that point where the districts really are. Checked in the written PDF with poppler.
/// </summary>
public sealed class ReportDocumentTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gis-report-doc-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static ReportModel SixtyDistricts()
    {
        var period = Period.Season(2569);
        var reader = new WKTReader();
        var legend = new LegendEntry("met", "บรรลุเป้าหมาย", SymbolKind.Area, MapStyles.Met, MapStyles.Outline, 1);
        MapModel Map(IReadOnlyList<MapDistrict> districts, Envelope extent) => new(MapTheme.Reduction, "th", "แผนที่", "ฤดูไฟ 2569",
            extent, districts, [], [legend], ["test"], "UTM 47N", [], new DateOnly(2026, 6, 1));
        var rows = new List<HotspotTargetRow>();
        var shapes = new List<MapDistrict>();
        for (var i = 0; i < 60; i++)
        {
            var (x, y) = (400_000 + i % 10 * 5_000, 2_000_000 + i / 10 * 5_000);
            var square = reader.Read($"POLYGON(({x} {y}, {x + 5000} {y}, {x + 5000} {y + 5000}, {x} {y + 5000}, {x} {y}))");
            var code = $"99{i:00}";
            shapes.Add(new MapDistrict(code, $"ทดสอบ{i:00}", square, square.Centroid.Coordinate, "met"));
            rows.Add(new HotspotTargetRow(code, $"ทดสอบ{i:00}", $"Test {i:00}", 10 + i, 20, Reduction.ChangePercent(10 + i, 20), -5,
                Reduction.Status(Reduction.ChangePercent(10 + i, 20), -5), new Dictionary<string, long>(), new Dictionary<string, long>(),
                    null, []));
        }
        var all = new Envelope(400_000, 450_000, 2_000_000, 2_030_000);
        var province = new HotspotTargetRow("99", "ทดสอบ", "Test", rows.Sum(r => r.Count), 1200, null, -5, TargetStatus.NoBaseline,
            new Dictionary<string, long>(), new Dictionary<string, long>(), null, []);
        var reduction = new HotspotTargetReport(period, "season:2568", CountMode.Detections, rows, province, []);
        var request = new ReportRequest(period, new PreviousBaseline(1), "99", null, null, null, null, "th", new DateOnly(2026, 6, 1));
        var districts = rows.Select((r, i) => new DistrictReport(r, null, null, null, [],
            [new TrendPoint(period.Previous(), 20), new TrendPoint(period, r.Count)],
                Map([shapes[i]], shapes[i].GeometryUtm.EnvelopeInternal))).ToList();
        return new ReportModel(request, "รายงานทดสอบ", "ฤดูไฟ 2569", "จังหวัดทดสอบ", reduction, null, Map(shapes, all), districts);
    }

    /// <summary>
    /// A district page: the name in the other language stands clear of the heading above it and of the map's frame below
    /// it (an English name's descenders touched the frame), in both languages. A descent of 0.3 em and an ascent of 0.8 em
    /// (Thai tone marks) bound the glyphs of the report's fonts.
    /// </summary>
    [Theory]
    [InlineData("th", "Test 07")]
    [InlineData("en", "ทดสอบ07")]
    public void DistrictPage_OtherLanguagesName_ClearOfHeadingAndMapFrame(string language, string otherName)
    {
        var model = SixtyDistricts();
        model = model with { Request = model.Request with { Language = language } };
        using var fonts = FontLocator.Locate();
        using var document = new ReportDocument(model, fonts);
        var page = document.Pages.OfType<DistrictPage>().Single(p => p.DistrictIndex == 7);
        using (var recorder = new SkiaSharp.SKPictureRecorder())
            document.Draw(recorder.BeginRecording(new SkiaSharp.SKRect(0, 0, 595, 842)), page);

        var name = document.Placed.Single(t => t.Text == otherName);
        var heading = document.Placed.Single(t => t.Text.EndsWith("(9907)", StringComparison.Ordinal) && t.Size > name.Size);
        Assert.True(name.Baseline + 0.3f * name.Size <= ReportDocument.DistrictMapTop,
            $"{otherName}: bottom {name.Baseline + 0.3f * name.Size:0.0} pt, frame at {ReportDocument.DistrictMapTop:0.0} pt");
        Assert.True(heading.Baseline + 0.3f * heading.Size <= name.Baseline - 0.8f * name.Size,
            $"heading bottom {heading.Baseline + 0.3f * heading.Size:0.0} pt, {otherName} top {name.Baseline - 0.8f * name.Size:0.0} pt");
        // The page header's rule is above the heading.
        Assert.True(heading.Baseline - heading.Size >= 22 / (float)Gis.Rendering.Maps.PageSize.MmPerPoint);
    }

    /// <summary>
    /// The one line of sources under a report's inset map stays inside the map's width however many sources there are:
    /// smaller type first, then an ellipsis (the report lists them in full). It ran past the frame ("…NOAA-20 NRT (2").
    /// </summary>
    [Fact]
    public void InsetMap_LongSources_OneLineInsideTheFrame()
    {
        var model = SixtyDistricts().ProvinceMap;
        var credits = Enumerable.Range(1, 12).Select(i => $"จุดความร้อน: NASA FIRMS VIIRS NOAA-20 NRT ({i})").ToList();
        var layout = new MapLayout(new PageSize(160, 120), model.ExtentUtm, inset: true);
        using var fonts = FontLocator.Locate();
        using var renderer = new MapRenderer(fonts);
        using (var recorder = new SkiaSharp.SKPictureRecorder())
            renderer.Draw(recorder.BeginRecording(new SkiaSharp.SKRect(0, 0, 460, 350)), model with { Credits = credits }, layout);

        var sources = Assert.Single(renderer.PlacedTexts, t => t.Text.StartsWith("ที่มา: ", StringComparison.Ordinal));
        Assert.True(sources.Left + sources.Width <= layout.Footer.Right + 0.01f,
            $"ends at {sources.Left + sources.Width:0.0} pt, the frame at {layout.Footer.Right:0.0} pt");
        Assert.EndsWith("…", sources.Text, StringComparison.Ordinal);
        Assert.True(sources.Size >= 5);
    }

    /// <summary>
    /// The province table's headers each on one line, and a right-aligned header clear of the left-aligned one after it:
    /// "เป้า %" ended 2.4 pt before "ผล" began, and the two read as one header.
    /// </summary>
    [Fact]
    public void ProvinceTable_FigureThenVerdictHeaders_SeparatedBySpace()
    {
        using var fonts = FontLocator.Locate();
        using var document = new ReportDocument(SixtyDistricts(), fonts);
        using (var recorder = new SkiaSharp.SKPictureRecorder())
            document.Draw(recorder.BeginRecording(new SkiaSharp.SKRect(0, 0, 595, 842)), document.Pages.OfType<ProvincePage>().First());

        string[] headers = ["อำเภอ", "จุดความร้อน", "ฐาน", "เปลี่ยน %", "เป้า %", "ผล"];
        var placed = headers.Select(h => document.Placed.First(t => t.Text == h)).ToList();
        Assert.Single(placed.Select(t => t.Baseline).Distinct());
        var (target, verdict) = (placed[4], placed[5]);
        var gap = verdict.Left - (target.Left + target.Width);
        Assert.True(gap >= 4, $"'เป้า %' ends {gap:0.0} pt before 'ผล' begins");
    }

    [Fact]
    public async Task WritePdf_SixtyDistricts_TableBreaksWithHeaderRepeatedAndContentsPointToTheRightPages()
    {
        using var fonts = FontLocator.Locate();
        var path = Path.Combine(_folder, "long.pdf");
        var (pages, contents) = ReportExporter.WritePdf(SixtyDistricts(), path, fonts);

        var province = pages.OfType<ProvincePage>().ToList();
        Assert.True(province.Count >= 2, "60 rows do not fit under the map");
        Assert.Equal(61, province.Sum(p => p.RowCount));
        Assert.Equal(2, pages.OfType<ContentsPage>().Count());
        Assert.Equal(province.Count + 2 + 60, await Pdf.PageCountAsync(path));

        var seen = new List<string>();
        foreach (var page in province)
        {
            var text = await Pdf.TextAsync(path, page.Number);
            // The header on every page of the table.
            Assert.Contains("จุดความร้อน", text, StringComparison.Ordinal);
            Assert.Contains("เปลี่ยน %", text, StringComparison.Ordinal);
            // Table rows in line order: a name followed by the count, baseline, change and target (map labels have no numbers).
            seen.AddRange(text.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(w => w.Length > 4 && w[0].StartsWith("ทดสอบ", StringComparison.Ordinal) && long.TryParse(w[1], out _))
                .Select(w => w[0]));
        }
        // Every row printed exactly once, in order.
        Assert.Equal(Enumerable.Range(0, 60).Select(i => $"ทดสอบ{i:00}"), seen);

        var last = contents[^1];
        Assert.Equal(pages.Count, last.Page);
        Assert.Contains("อำเภอทดสอบ59 (9959)", await Pdf.TextAsync(path, last.Page), StringComparison.Ordinal);
        Assert.Contains($"หน้า {pages.Count}/{pages.Count}", await Pdf.TextAsync(path, pages.Count), StringComparison.Ordinal);
    }
}
