using Gis.Core.Targets;
using Gis.Importers.Alerts;
using Gis.Importers.Store;
using Gis.Rendering.Maps;
using Gis.Rendering.Reports;

namespace Gis.Rendering.Alerts;

/// <summary>The files a due report alert carries: <c>gis report</c>'s district report (PDF) and its tables (XLSX).</summary>
public static class AlertReport
{
    /// <summary>
    /// The report of the period in <paramref name="figures"/> for the area's province (a district's page is in it), against
    /// the previous period, in the rule's language, made as of the day it fell due. Cost: the report's queries and one PDF
    /// and XLSX, a few seconds for a province.
    /// </summary>
    public static async Task<IReadOnlyList<AlertAttachment>> FilesAsync(GisStore store, AlertRule rule, ReportFigures figures,
        MapFonts fonts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(figures);
        var request = new ReportRequest(figures.ParsedPeriod, new PreviousBaseline(1), figures.AreaCode[..2], null, null, null, null,
            rule.Language, figures.Due);
        var model = await new ReportDataLoader(store).LoadAsync(request, ct);
        var folder = Directory.CreateTempSubdirectory("gis-alert-report-").FullName;
        try
        {
            var name = "report-" + figures.Period.Replace(':', '-');
            var (pdf, xlsx) = (Path.Combine(folder, name + ".pdf"), Path.Combine(folder, name + ".xlsx"));
            ReportExporter.WritePdf(model, pdf, fonts);
            ReportTables.Write(model, xlsx);
            return
            [
                new AlertAttachment(name + ".pdf", "application/pdf", await File.ReadAllBytesAsync(pdf, ct)),
                new AlertAttachment(name + ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    await File.ReadAllBytesAsync(xlsx, ct)),
            ];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
