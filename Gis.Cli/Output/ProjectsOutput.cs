using System.Globalization;
using Gis.Core.Plans;

namespace Gis.Cli.Output;

/// <summary>How responsible projects appear in every target table: one text form, one JSON form.</summary>
internal static class ProjectsOutput
{
    /// <summary>Columns a project's name may take in a terminal table; longer names are cut with an ellipsis.</summary>
    public const int TableNameWidth = 32;

    /// <summary>
    /// Each project as code, name (Thai, or English with <paramref name="english"/> when it has one) and what it answers
    /// for: the share of the district its areas cover, "(named)" when it only names the district, "(province-wide)" for
    /// the whole province. Projects are "; " apart (names have spaces).
    /// </summary>
    /// <param name="nameWidth">Display columns a name may take (a terminal table); null: the whole name (CSV).</param>
    public static string Text(IEnumerable<ProjectResponsibility> projects, bool english, int? nameWidth = null) =>
        string.Join("; ", projects.Select(p =>
        {
            var name = Cut(english && p.NameEn.Length > 0 ? p.NameEn : p.NameTh, nameWidth);
            var what = p.Share is { } share ? $" ({share.ToString("0.0%", CultureInfo.InvariantCulture)})"
                : p.NamesDistrict ? " (named)" : p.ProvinceWide ? " (province-wide)" : "";
            return $"{p.ProjectCode} {name}".TrimEnd() + what;
        }));

    public static IEnumerable<object> Json(IEnumerable<ProjectResponsibility> projects) => projects.Select(p => new
    {
        Code = p.ProjectCode,
        Name = p.NameTh,
        p.NameEn,
        p.FiscalYear,
        Share = p.Share is { } share ? Math.Round(share, 4) : (double?)null,
        p.AreaRai,
        p.NamesDistrict,
        p.ProvinceWide,
    });

    // Cut by display columns (Thai marks above and below take none), never inside a base letter and its marks.
    private static string Cut(string name, int? width)
    {
        if (width is not { } w || TextTable.DisplayWidth(name) <= w)
            return name;
        var end = 0;
        for (var columns = 0; end < name.Length; end++)
        {
            if (TextTable.DisplayWidth(name[end].ToString()) == 0)
                continue;
            if (++columns > w - 1)
                break;
        }
        return name[..end].TrimEnd() + "…";
    }
}
