using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Gis.Rendering.Maps;
using SkiaSharp;
using A = DocumentFormat.OpenXml.Drawing;
using Pic = DocumentFormat.OpenXml.Drawing.Pictures;
using W = DocumentFormat.OpenXml.Wordprocessing;
using Wp = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace Gis.Rendering.Reports;

/// <summary>
/// Writes a district report as a Word document (ADR 0032): the PDF's content from the same <see cref="ReportModel"/>
/// and the same texts (<see cref="ReportDocument"/> builds both), laid out by Word rather than by us, so officers
/// can paste and edit it. Real Heading 1/2 styles and a table of contents field that Word updates on open; tables as
/// Word tables; maps and trend charts as PNG images at print resolution; A4 with the margins of Thai official
/// documents (top 2.5 cm, left 3 cm, right and bottom 2 cm); page numbers in the footer.
/// </summary>
public static class ReportWord
{
    /// <summary>Print resolution of the maps and charts.</summary>
    public const int Dpi = 300;

    private const int TextWidthTwips = 11906 - 1701 - 1134;
    private const int TableTextPt = 11;
    private const long EmuPerPoint = 12700;
    private static readonly Maps.PageSize ProvinceMapSize = new(160, 110);
    private static readonly Maps.PageSize DistrictMapSize = new(160, 115);

    /// <summary>TH Sarabun New when installed (the government's font), else Laksaman (fonts-thai-tlwg, metric-compatible with
    /// TH Sarabun PSK).</summary>
    public static string ThaiFont { get; } =
        SKFontManager.Default.GetFontFamilies().Contains("TH Sarabun New", StringComparer.OrdinalIgnoreCase)
            ? "TH Sarabun New" : "Laksaman";

    /// <summary>Lays out and writes <paramref name="model"/> to <paramref name="path"/>.</summary>
    public static void Write(ReportModel model, string path, MapFonts fonts)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var layout = new ReportDocument(model, fonts);
        using var document = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document);
        document.PackageProperties.Title = model.Title;
        document.PackageProperties.Creator = model.Request.Author ?? "";
        var main = document.AddMainDocumentPart();
        main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();
        // Word fills the table of contents (and the page numbers) when the document is opened.
        main.AddNewPart<DocumentSettingsPart>().Settings = new Settings(new UpdateFieldsOnOpen { Val = true });
        var footer = main.AddNewPart<FooterPart>();
        footer.Footer = new Footer(new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Right }),
            Text(model.Thai ? "หน้า " : "Page "), Field("PAGE", "1"), Text(model.Thai ? " / " : " of "), Field("NUMPAGES", "1")));
        var th = model.Thai;
        var body = new Body();
        var images = new Images(main);

        body.Append(Paragraph(model.Title, "Title"));
        body.Append(Paragraph(layout.Subtitle));
        body.Append(Paragraph(model.PeriodText));
        var coverage = MapDataLoader.CoverageText(model.Reduction.PeriodCoverage, model.Reduction.BaselineCoverage, th);
        if (coverage.Length > 0)
            body.Append(Paragraph(coverage));
        var made = (th ? "จัดทำเมื่อ " : "Made ") + MapDataLoader.DayText(model.Request.MadeOn, th) + (th ? "" : " BE");
        body.Append(Paragraph(model.Request.Author is { Length: > 0 } author ? made + (th ? " ผู้จัดทำ: " : ", by ") + author : made));

        body.Append(Paragraph(th ? "สารบัญ" : "Contents", "TOCHeading"));
        body.Append(TableOfContents(layout.Contents.Select(c => c.Text)));

        body.Append(Paragraph(layout.SummaryHeading, "Heading1", pageBreak: true));
        body.Append(images.Paragraph(layout.MapPng(model.ProvinceMap, ProvinceMapSize, Dpi), ProvinceMapSize.WidthPt,
            ProvinceMapSize.HeightPt));
        body.Append(SummaryTable(layout));
        if (model.Sources is { Count: > 0 } sources)
        {
            body.Append(Paragraph(model.SourcesHeading, "Heading2"));
            foreach (var source in sources)
                body.Append(Paragraph(source));
        }

        foreach (var d in model.Districts)
        {
            body.Append(Paragraph(layout.DistrictHeading(d), "Heading1", pageBreak: true));
            body.Append(Paragraph(th ? d.Hotspots.NameEn : d.Hotspots.NameTh));
            body.Append(images.Paragraph(layout.MapPng(d.Map, DistrictMapSize, Dpi), DistrictMapSize.WidthPt, DistrictMapSize.HeightPt));
            foreach (var (title, rows) in new[] { layout.ReductionFigures(d), layout.GreenFigures(d) })
            {
                body.Append(Paragraph(title, "Heading2"));
                body.Append(FiguresTable(rows));
            }
            body.Append(Paragraph(layout.TrendHeading, "Heading2"));
            var (chartWidth, chartHeight) = (TextWidthTwips / 20f, 130f);
            body.Append(images.Paragraph(layout.TrendPng(d, chartWidth, chartHeight, Dpi), chartWidth, chartHeight));
            body.Append(Paragraph(layout.ProjectsHeading, "Heading2"));
            foreach (var line in layout.ProjectLines(d))
                body.Append(Paragraph(line));
        }

        body.Append(new SectionProperties(
            new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) },
            new W.PageSize { Width = 11906, Height = 16838 },
            new PageMargin { Top = 1417, Bottom = 1134, Left = 1701, Right = 1134, Header = 709, Footer = 567, Gutter = 0 }));
        main.Document = new Document(body);
        main.Document.Save();
    }

    /// <summary>The province table of both targets: the PDF's columns, group headers and rows, the header repeated on every page.</summary>
    private static Table SummaryTable(ReportDocument layout)
    {
        var columns = layout.SummaryColumns;
        var widths = ReportWordColumns.Fit([.. columns.Select((c, i) => (IReadOnlyList<(string, bool)>)
            [(c.Header, true), .. layout.SummaryRows.Select(r => ((r.Cells[i].Swatch is null ? "" : "■ ") + r.Cells[i].Text, r.Total))])],
            ThaiFont, TableTextPt, TextWidthTwips);
        var table = NewTable(widths);
        var groups = new W.TableRow(new TableRowProperties(new TableHeader()));
        for (var i = 0; i < columns.Count;)
        {
            var group = layout.SummaryGroups.FirstOrDefault(g => g.First == i);
            var span = group is null ? 1 : group.Last - group.First + 1;
            groups.Append(Cell(group?.Text ?? "", widths.Skip(i).Take(span).Sum(), bold: true, center: true, span: span));
            i += span;
        }
        table.Append(groups);
        table.Append(new W.TableRow([new TableRowProperties(new TableHeader()),
            .. columns.Select((c, i) => Cell(c.Header, widths[i], bold: true, right: c.Right))]));
        foreach (var row in layout.SummaryRows)
        {
            table.Append(new W.TableRow([new TableRowProperties(new CantSplit()),
                .. row.Cells.Select((c, i) => Cell(c.Text, widths[i], row.Total, columns[i].Right, swatch: c.Swatch))]));
        }
        return table;
    }

    /// <summary>A district's figures as a two-column table: label, value (verdicts with the map's colour).</summary>
    private static Table FiguresTable(IReadOnlyList<(string Label, string Value, MapColor? Swatch)> rows)
    {
        int[] widths = [TextWidthTwips * 3 / 5, TextWidthTwips * 2 / 5];
        var table = NewTable(widths);
        foreach (var (label, value, swatch) in rows)
            table.Append(new W.TableRow(new TableRowProperties(new CantSplit()), Cell(label, widths[0]), Cell(value, widths[1], right: true,
                swatch: swatch)));
        return table;
    }

    private static Table NewTable(IReadOnlyList<int> widths)
    {
        static BorderType Line<T>() where T : BorderType, new() => new T { Val = BorderValues.Single, Size = 4, Color = "A0A0A0" };
        return new Table(
            new TableProperties(
                new TableWidth { Width = widths.Sum().ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableBorders(Line<TopBorder>(), Line<BottomBorder>(), Line<LeftBorder>(), Line<RightBorder>(),
                    Line<InsideHorizontalBorder>(), Line<InsideVerticalBorder>()),
                new TableCellMarginDefault(new TopMargin { Width = "20", Type = TableWidthUnitValues.Dxa },
                    new TableCellLeftMargin { Width = 60, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = "20", Type = TableWidthUnitValues.Dxa },
                    new TableCellRightMargin { Width = 60, Type = TableWidthValues.Dxa })),
            new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));
    }

    private static W.TableCell Cell(string text, int width, bool bold = false, bool right = false, bool center = false, int span = 1,
        MapColor? swatch = null)
    {
        var properties = new TableCellProperties(new TableCellWidth
        {
            Width = width.ToString(CultureInfo.InvariantCulture),
            Type = TableWidthUnitValues.Dxa,
        });
        if (span > 1)
            properties.Append(new GridSpan { Val = span });
        var paragraph = new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "TableText" },
            new Justification
            {
                Val = center ? JustificationValues.Center : right ? JustificationValues.Right : JustificationValues.Left,
            }));
        // The verdict's colour on the map, as a square before its words.
        if (swatch is { } c)
        {
            paragraph.Append(new Run(new RunProperties(new Color { Val = $"{c.R:X2}{c.G:X2}{c.B:X2}" }),
                new Text("■ ") { Space = SpaceProcessingModeValues.Preserve }));
        }
        paragraph.Append(Text(text, bold));
        return new W.TableCell(properties, paragraph);
    }

    private static Paragraph Paragraph(string text, string? style = null, bool pageBreak = false)
    {
        var properties = new ParagraphProperties();
        if (style is not null)
            properties.Append(new ParagraphStyleId { Val = style });
        if (pageBreak)
            properties.Append(new PageBreakBefore());
        return new Paragraph(properties, Text(text));
    }

    private static Run Text(string text, bool bold = false)
    {
        var run = new Run();
        if (bold)
            run.Append(new RunProperties(new Bold(), new BoldComplexScript()));
        run.Append(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        return run;
    }

    /// <summary>A field (PAGE, NUMPAGES) with the text it shows until Word updates it.</summary>
    private static SimpleField Field(string instruction, string shown) => new(Text(shown)) { Instruction = instruction };

    /// <summary>
    /// A TOC field of headings 1-2, marked dirty so Word rebuilds it with page numbers on open; until then (and for
    /// converters that do not update fields) it shows the sections' names.
    /// </summary>
    private static Paragraph[] TableOfContents(IEnumerable<string> sections)
    {
        var entries = sections.Select(s => new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "TOC1" }), Text(s)))
            .ToList();
        if (entries.Count == 0)
            entries.Add(new Paragraph());
        entries[0].InsertAfter(new Run(new FieldChar { FieldCharType = FieldCharValues.Begin, Dirty = true }),
            entries[0].ParagraphProperties);
        entries[0].InsertAfter(new Run(new FieldCode(" TOC \\o \"1-2\" \\h \\z \\u ") { Space = SpaceProcessingModeValues.Preserve }),
            entries[0].Elements<Run>().First());
        entries[0].InsertAfter(new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
            entries[0].Elements<Run>().ElementAt(1));
        entries[^1].Append(new Run(new FieldChar { FieldCharType = FieldCharValues.End }));
        return [.. entries];
    }

    /// <summary>Normal text in the Thai font at 16 pt (the official size), headings, table text and contents lines.</summary>
    private static Styles Styles()
    {
        static Style ParagraphStyle(string id, string name, int halfPoints, bool bold = false, int? outline = null,
            int spaceBefore = 0, int spaceAfter = 80)
        {
            var paragraph = new StyleParagraphProperties(new SpacingBetweenLines
            {
                Before = spaceBefore.ToString(CultureInfo.InvariantCulture),
                After = spaceAfter.ToString(CultureInfo.InvariantCulture),
            });
            if (outline is { } level)
            {
                paragraph.Append(new KeepNext());
                paragraph.Append(new OutlineLevel { Val = level });
            }
            var run = new StyleRunProperties(
                new RunFonts { Ascii = ThaiFont, HighAnsi = ThaiFont, ComplexScript = ThaiFont, EastAsia = ThaiFont },
                new FontSize { Val = halfPoints.ToString(CultureInfo.InvariantCulture) },
                new FontSizeComplexScript { Val = halfPoints.ToString(CultureInfo.InvariantCulture) },
                new Languages { Val = "th-TH", Bidi = "th-TH" });
            if (bold)
                run.PrependChild(new BoldComplexScript()).InsertBeforeSelf(new Bold());
            var style = new Style(new StyleName { Val = name }, paragraph, run) { Type = StyleValues.Paragraph, StyleId = id };
            if (id != "Normal")
                style.InsertAfter(new BasedOn { Val = "Normal" }, style.StyleName);
            else
                style.Default = true;
            if (outline is not null)
                style.InsertAfter(new PrimaryStyle(), style.StyleName);
            return style;
        }
        return new Styles(
            ParagraphStyle("Normal", "Normal", 32),
            ParagraphStyle("Title", "Title", 44, bold: true, spaceAfter: 160),
            ParagraphStyle("Heading1", "heading 1", 40, bold: true, outline: 0, spaceBefore: 240, spaceAfter: 120),
            ParagraphStyle("Heading2", "heading 2", 34, bold: true, outline: 1, spaceBefore: 200, spaceAfter: 80),
            ParagraphStyle("TOCHeading", "TOC Heading", 36, bold: true, spaceBefore: 240),
            ParagraphStyle("TOC1", "toc 1", 32),
            ParagraphStyle("TableText", "Table Text", 2 * TableTextPt, spaceAfter: 0));
    }

    /// <summary>The document's images: each PNG added once as a part and placed inline, sized in points.</summary>
    private sealed class Images(MainDocumentPart main)
    {
        private uint _next = 1;

        public Paragraph Paragraph(byte[] png, float widthPt, float heightPt)
        {
            var part = main.AddImagePart(ImagePartType.Png);
            using (var stream = new MemoryStream(png))
                part.FeedData(stream);
            var id = _next++;
            var (cx, cy) = ((long)(widthPt * EmuPerPoint), (long)(heightPt * EmuPerPoint));
            var name = "image" + id.ToString(CultureInfo.InvariantCulture) + ".png";
            var picture = new Pic.Picture(
                new Pic.NonVisualPictureProperties(new Pic.NonVisualDrawingProperties { Id = 0, Name = name },
                    new Pic.NonVisualPictureDrawingProperties()),
                new Pic.BlipFill(new A.Blip { Embed = main.GetIdOfPart(part) }, new A.Stretch(new A.FillRectangle())),
                new Pic.ShapeProperties(new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = cx, Cy = cy }),
                    new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle }));
            var inline = new Wp.Inline(
                new Wp.Extent { Cx = cx, Cy = cy },
                new Wp.EffectExtent { LeftEdge = 0, TopEdge = 0, RightEdge = 0, BottomEdge = 0 },
                new Wp.DocProperties { Id = id, Name = name },
                new Wp.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
                new A.Graphic(new A.GraphicData(picture) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
            {
                DistanceFromTop = 0,
                DistanceFromBottom = 0,
                DistanceFromLeft = 0,
                DistanceFromRight = 0,
            };
            return new Paragraph(new ParagraphProperties(new KeepNext()), new Run(new Drawing(inline)));
        }
    }
}
