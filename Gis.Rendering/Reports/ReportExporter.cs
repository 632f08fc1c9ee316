using Gis.Rendering.Maps;
using SkiaSharp;

namespace Gis.Rendering.Reports;

/// <summary>Writes a district report as one PDF document (A4, fonts embedded, text searchable).</summary>
public static class ReportExporter
{
    /// <summary>Lays out and writes <paramref name="model"/> to <paramref name="path"/>; returns the pages and contents written.</summary>
    public static (IReadOnlyList<ReportPage> Pages, IReadOnlyList<ContentsEntry> Contents) WritePdf(ReportModel model, string path,
        MapFonts fonts)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var document = new ReportDocument(model, fonts);
        using var stream = File.Create(path);
        var metadata = new SKDocumentPdfMetadata
        {
            Title = model.Title,
            Author = model.Request.Author ?? "",
            Creator = "gis report",
            Creation = model.Request.MadeOn.ToDateTime(TimeOnly.MinValue),
        };
        using var pdf = SKDocument.CreatePdf(stream, metadata);
        foreach (var page in document.Pages)
        {
            var canvas = pdf.BeginPage(ReportDocument.Paper.WidthPt, ReportDocument.Paper.HeightPt);
            document.Draw(canvas, page);
            pdf.EndPage();
        }
        pdf.Close();
        return (document.Pages, document.Contents);
    }
}
