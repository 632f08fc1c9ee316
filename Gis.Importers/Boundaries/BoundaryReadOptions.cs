using Gis.Core.Admin;

namespace Gis.Importers.Boundaries;

/// <summary>
/// How to read a boundary file. Every member is optional: by default the level, code and name fields are detected
/// from the HDX COD-AB field names (<c>ADM1_*</c>, <c>ADM2_*</c>, <c>ADM3_*</c>) or the Thai government ones
/// (<c>PV_*</c>, <c>AP_*</c>, <c>TB_*</c>), and the CRS and text encoding from the file.
/// </summary>
/// <param name="Level">The level to read; by default the most detailed level whose code field is present.</param>
/// <param name="CodeField">The field holding the DOPA code (case-insensitive); overrides detection.</param>
/// <param name="NameThField">The field holding the Thai name; overrides detection.</param>
/// <param name="NameEnField">The field holding the English name; overrides detection.</param>
/// <param name="SourceSrid">
/// The CRS of the coordinates when the file names none (no <c>.prj</c>, a GeoJSON without <c>crs</c>, a GeoPackage
/// layer with an undefined SRS); one of <see cref="Gis.Core.Spatial.Reprojection.KnownSrids"/>. A CRS the file names wins.
/// Without either, coordinates are taken as WGS 84 longitude/latitude.
/// </param>
/// <param name="Encoding">
/// Shapefile only: the text encoding of the <c>.dbf</c> (<c>TIS-620</c>, <c>874</c>, <c>windows-874</c>, <c>UTF-8</c>, ...);
/// overrides the <c>.cpg</c>. GeoJSON is always UTF-8 and GeoPackage always UTF-8/16.
/// </param>
/// <param name="Layer">GeoPackage only: the feature table to read; by default the first one.</param>
public sealed record BoundaryReadOptions(
    AdminLevel? Level = null,
    string? CodeField = null,
    string? NameThField = null,
    string? NameEnField = null,
    int? SourceSrid = null,
    string? Encoding = null,
    string? Layer = null);
