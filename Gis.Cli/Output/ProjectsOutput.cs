using System.Globalization;
using Gis.Core.Plans;

namespace Gis.Cli.Output;

/// <summary>How responsible projects appear in every target table: one text form, one JSON form.</summary>
internal static class ProjectsOutput
{
    /// <summary>Codes with the share of the district their areas cover, or "(named)" when the project only names it.</summary>
    public static string Text(IEnumerable<ProjectResponsibility> projects) => string.Join(" ", projects.Select(p =>
        p.Share is { } share ? $"{p.ProjectCode} ({share.ToString("0.0%", CultureInfo.InvariantCulture)})"
        : p.NamesDistrict ? $"{p.ProjectCode} (named)" : p.ProjectCode));

    public static IEnumerable<object> Json(IEnumerable<ProjectResponsibility> projects) => projects.Select(p => new
    {
        Code = p.ProjectCode,
        Name = p.NameTh,
        p.NameEn,
        p.FiscalYear,
        Share = p.Share is { } share ? Math.Round(share, 4) : (double?)null,
        p.AreaRai,
        p.NamesDistrict,
    });
}
