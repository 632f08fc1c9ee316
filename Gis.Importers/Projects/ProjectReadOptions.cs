using Gis.Core.Admin;

namespace Gis.Importers.Projects;

/// <summary>Formats <see cref="ProjectReader"/> reads.</summary>
public enum ProjectFileFormat
{
    /// <summary>Recognised from the content: a JSON object or GeoPackage is an area file, a CSV by its header.</summary>
    Auto,

    /// <summary>The project's own CSV (<c>docs/projects-format.md</c>).</summary>
    Csv,

    /// <summary>Budget-bill lines extracted from the Thai budget PDF (kaogeek/thailand-budget-pdf2csv V2 columns).</summary>
    BudgetBill,

    /// <summary>GeoJSON project areas.</summary>
    GeoJson,

    /// <summary>GeoPackage project areas.</summary>
    GeoPackage,
}

/// <summary>How to read a project file.</summary>
/// <param name="FiscalYear">Buddhist Era fiscal year for projects whose file gives none (area files that define projects, fuel-management
/// areas).</param>
/// <param name="Districts">District names to match names against; by default the built-in 25 Chiang Mai districts.</param>
/// <param name="Layer">GeoPackage only: the feature table, else the first.</param>
/// <param name="SourceSrid">Area files: the CRS of the coordinates, overriding what the file names; one of
/// <see cref="Gis.Core.Spatial.Reprojection.KnownSrids"/>.</param>
public sealed record ProjectReadOptions(
    ProjectFileFormat Format = ProjectFileFormat.Auto,
    int? FiscalYear = null,
    DistrictNames? Districts = null,
    string? Layer = null,
    int? SourceSrid = null);
