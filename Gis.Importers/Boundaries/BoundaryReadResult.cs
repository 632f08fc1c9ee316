using Gis.Core.Admin;

namespace Gis.Importers.Boundaries;

/// <summary>What a boundary file gave, and how it was read.</summary>
/// <param name="Areas">One area per code, in the order the codes first appear; boundaries valid, in WGS 84.</param>
/// <param name="Format"><c>GeoJSON</c>, <c>Shapefile</c> or <c>GeoPackage</c>.</param>
/// <param name="Level">The level read (given or detected).</param>
/// <param name="CodeField">The field the codes were read from.</param>
/// <param name="NameThField">The field the Thai names were read from; null when there is none (names are empty).</param>
/// <param name="NameEnField">The field the English names were read from; null when there is none (names are empty).</param>
/// <param name="Repairs">What was wrong with the file and has been put right, in file order.</param>
/// <param name="EncodingNote">How the text was read when the file declares otherwise (a <c>.cpg</c> saying UTF-8 over TIS-620
/// text); null when as declared.</param>
public sealed record BoundaryReadResult(
    IReadOnlyList<AdminArea> Areas,
    string Format,
    AdminLevel Level,
    string CodeField,
    string? NameThField,
    string? NameEnField,
    IReadOnlyList<BoundaryRepair> Repairs,
    string? EncodingNote = null)
{
    /// <summary>
    /// The source the field names give away (ADR 0017): HDX COD-AB files name their codes <c>ADM1_PCODE</c>,
    /// <c>ADM2_PCODE</c>...; null when the fields do not say.
    /// </summary>
    public string? Credit => CodeField.StartsWith("ADM", StringComparison.OrdinalIgnoreCase)
        && CodeField.EndsWith("_PCODE", StringComparison.OrdinalIgnoreCase) ? HdxCredit : null;

    /// <summary>The credit of the HDX Common Operational Datasets of administrative boundaries.</summary>
    public const string HdxCredit = "HDX COD-AB (OCHA)";
}

/// <summary>One problem in the file that the reader put right.</summary>
/// <param name="Code">The DOPA code of the area concerned.</param>
/// <param name="FeatureNumber">The feature (1-based, in file order) where the problem was found.</param>
/// <param name="Kind">What kind of repair.</param>
/// <param name="Description">What was wrong and what was done, e.g. <c>Self-intersection at 100.1 7.2, fixed with
/// GeometryFixer</c>.</param>
public sealed record BoundaryRepair(string Code, int FeatureNumber, BoundaryRepairKind Kind, string Description);

/// <summary>Kinds of <see cref="BoundaryRepair"/>.</summary>
public enum BoundaryRepairKind
{
    /// <summary>An invalid polygon (self-intersection, ring crossing, ...) made valid with NTS <c>GeometryFixer</c>.</summary>
    InvalidGeometryFixed,

    /// <summary>A further feature with an already seen code, unioned into that code's boundary.</summary>
    DuplicateCodeMerged,
}
