using Gis.Core.Admin;
using Gis.Importers.Features;

namespace Gis.Importers.Projects;

/// <summary>
/// Reads plan projects and project areas from the project's own CSV, budget-bill CSV lines, or GeoJSON/GeoPackage
/// areas (docs/projects-format.md). Nothing is written: the caller stores the result with
/// <see cref="Projects.ProjectImporter"/> only when <see cref="ProjectReadResult.Refused"/> is false.
/// </summary>
public static class ProjectReader
{
    /// <summary>
    /// Reads the whole file. Cost: one pass; geometries are validated (and repaired) one by one.
    /// </summary>
    /// <returns>Projects and areas (WGS 84), and per line or feature what could not be read.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ProjectFormatException">The file is of no project format (wrong columns, not CSV or features).</exception>
    /// <exception cref="FeatureFormatException">An area file cannot be read as GeoJSON/GeoPackage (the message names the
    /// feature).</exception>
    public static ProjectReadResult Read(string path, ProjectReadOptions? options = null)
    {
        options ??= new ProjectReadOptions();
        var districts = options.Districts ?? DistrictNames.BuiltInChiangMai;
        var sniffed = FeatureSource.Sniff(path);
        var format = options.Format;
        if (format == ProjectFileFormat.Auto)
        {
            format = sniffed switch
            {
                "GeoPackage" => ProjectFileFormat.GeoPackage,
                "GeoJSON" => ProjectFileFormat.GeoJson,
                "Shapefile" => throw new ProjectFormatException(
                    $"{path}: project areas are read from GeoJSON or GeoPackage; convert the shapefile (ogr2ogr -f GPKG)"),
                _ => CsvRecords.ReadFile(path).Select(r => r.Fields).FirstOrDefault() is { } header && BudgetBillReader.Recognises(header)
                    ? ProjectFileFormat.BudgetBill
                    : ProjectFileFormat.Csv,
            };
        }

        var result = format switch
        {
            ProjectFileFormat.BudgetBill => BudgetBillReader.Read(path, districts),
            ProjectFileFormat.GeoJson when sniffed == "GeoJSON" => ProjectAreaReader.Read(path, "geojson", options, districts),
            ProjectFileFormat.GeoPackage when sniffed == "GeoPackage" => ProjectAreaReader.Read(path, "gpkg", options, districts),
            ProjectFileFormat.GeoJson or ProjectFileFormat.GeoPackage =>
                throw new ProjectFormatException($"{path}: is not a {format} file"),
            _ => ProjectCsvReader.Read(path, options.FiscalYear, districts),
        };
        // Converted, not refused: the bytes were Thai text in the other encoding Thai offices save CSV in.
        var csv = format is ProjectFileFormat.Csv or ProjectFileFormat.BudgetBill;
        return csv && CsvRecords.EncodingOf(path).CodePage == TextEncodings.Tis620.CodePage
            ? result with { Notes = [$"{path}: read as TIS-620 (not valid UTF-8)", .. result.Notes] }
            : result;
    }
}
