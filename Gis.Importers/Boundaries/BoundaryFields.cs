using Gis.Core.Admin;
using Gis.Importers.Features;

namespace Gis.Importers.Boundaries;

/// <summary>Which attributes hold the code and names, and the level when it is known before the first code.</summary>
internal sealed record BoundaryFields(AdminLevel? Level, string Code, string? NameTh, string? NameEn)
{
    // Most detailed level first: that is the one a file with several levels' codes describes.
    private static readonly (AdminLevel Level, string Code, string Th, string En)[] Known =
    [
        (AdminLevel.Subdistrict, "ADM3_PCODE", "ADM3_TH", "ADM3_EN"),
        (AdminLevel.District, "ADM2_PCODE", "ADM2_TH", "ADM2_EN"),
        (AdminLevel.Province, "ADM1_PCODE", "ADM1_TH", "ADM1_EN"),
        // Thai government shapefiles (DOPA, Royal Thai Survey Department).
        (AdminLevel.Subdistrict, "TB_IDN", "TB_TN", "TB_EN"),
        (AdminLevel.District, "AP_IDN", "AP_TN", "AP_EN"),
        (AdminLevel.Province, "PV_IDN", "PV_TN", "PV_EN"),
    ];

    /// <summary>The fields to read: the options where given, else the known field set the file has.</summary>
    /// <exception cref="BoundaryFormatException">No code field can be found, or a named field is missing.</exception>
    public static BoundaryFields Resolve(string path, IReadOnlyList<string> present, BoundaryReadOptions options)
    {
        string? Find(string? name) => name is null ? null : present.FirstOrDefault(p => p.Equals(name, StringComparison.OrdinalIgnoreCase));

        string? Required(string? name) => name is null
            ? null
            : Find(name) ?? throw new BoundaryFormatException(path, null, $"has no field '{name}'; its fields are {List(present)}");

        var known = Known
            .Where(k => options.Level is null || k.Level == options.Level)
            .Where(k => options.CodeField is null || k.Code.Equals(options.CodeField, StringComparison.OrdinalIgnoreCase))
            .FirstOrDefault(k => Find(k.Code) is not null);
        var code = Required(options.CodeField) ?? (known.Code is null ? null : Find(known.Code))
            ?? throw new BoundaryFormatException(path, null,
                $"has no {(options.Level is { } l ? l + " " : "")}code field ({string.Join(", ", Known.Select(k => k.Code).Distinct())}) "
                + $"and none was named; its fields are {List(present)}");

        return new BoundaryFields(
            options.Level ?? (known.Code is null ? null : known.Level),
            code,
            Required(options.NameThField) ?? Find(known.Th),
            Required(options.NameEnField) ?? Find(known.En));
    }

    private static string List(IReadOnlyList<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);
}
