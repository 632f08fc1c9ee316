using System.Globalization;
using Gis.Core.Admin;
using Gis.Core.Plans;
using Gis.Core.Text;

namespace Gis.Importers.Projects;

/// <summary>
/// One project from named values (a CSV line, a feature's attributes), with the project's own column names. Shared
/// by the CSV and the area readers so both accept exactly the same spellings.
/// </summary>
internal static class ProjectFields
{
    public const string Code = "code";
    public const string NameTh = "name_th";
    public const string NameEn = "name_en";
    public const string Agency = "agency";
    public const string FiscalYear = "fiscal_year";
    public const string BudgetThb = "budget_thb";
    public const string IssueGroup = "issue_group";
    public const string TargetKind = "target_kind";
    public const string TargetValue = "target_value";
    public const string TargetUnit = "target_unit";
    public const string Districts = "districts";

    // Below 2400 a year is CE (domain: BE = CE + 543); a fiscal year this software sees lies within these.
    private const int FirstBeYear = 2400;
    private const int LastBeYear = 2800;

    /// <summary>
    /// Reads a project; every value that cannot be read is added to <paramref name="problems"/> and the result is
    /// null then. Names are normalised Thai text; districts are DOPA codes or names (names only where no code is given).
    /// </summary>
    /// <param name="get">The value of a column (case-insensitive), or null when absent.</param>
    /// <param name="code">The project code, already read by the caller (the area reader takes it from <c>project_code</c>).</param>
    /// <param name="defaultFiscalYear">Used when the values hold no fiscal year.</param>
    public static PlanProject? Read(Func<string, string?> get, string code, int? defaultFiscalYear, DistrictNames districts,
        List<string> problems)
    {
        var before = problems.Count;
        var nameTh = ThaiText.Normalize(get(NameTh));
        if (nameTh.Length == 0)
            problems.Add($"{NameTh} is empty");

        int fiscalYear = 0;
        var fyText = get(FiscalYear)?.Trim();
        if (string.IsNullOrEmpty(fyText))
        {
            if (defaultFiscalYear is { } d)
                fiscalYear = d;
            else
                problems.Add($"{FiscalYear} is empty (give it, or --fiscal-year)");
        }
        else if (!TryYear(fyText, out fiscalYear, out var why))
        {
            problems.Add($"{FiscalYear} '{fyText}' {why}");
        }

        decimal? budget = null;
        if (get(BudgetThb) is { } b && !string.IsNullOrWhiteSpace(b))
        {
            if (BahtAmount.TryParse(b, out var amount))
                budget = amount;
            else
                problems.Add($"{BudgetThb} '{b}' is not an amount (e.g. 1,234,500 or 1234500)");
        }

        int? issueGroup = null;
        if (get(IssueGroup) is { } g && !string.IsNullOrWhiteSpace(g))
        {
            if (int.TryParse(g.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 5)
                issueGroup = n;
            else
                problems.Add($"{IssueGroup} '{g}' is not an issue group 1-5");
        }

        var kindText = get(TargetKind);
        if (!TargetKinds.TryParse(kindText, out var kind))
            problems.Add($"{TargetKind} '{kindText}' is not hotspot, green or other");

        double? targetValue = null;
        if (get(TargetValue) is { } t && !string.IsNullOrWhiteSpace(t))
        {
            if (double.TryParse(t.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture,
                out var v))
                targetValue = v;
            else
                problems.Add($"{TargetValue} '{t}' is not a number (invariant: 1000 or -5.5, no separators)");
        }

        var codes = ReadDistricts(get(Districts), districts, problems);
        if (problems.Count > before)
            return null;
        var unit = get(TargetUnit)?.Trim();
        return new PlanProject(code, nameTh, get(NameEn)?.Trim() ?? "", ThaiText.Normalize(get(Agency)), fiscalYear, budget, issueGroup,
            kind, targetValue, string.IsNullOrEmpty(unit) ? null : unit, codes);
    }

    /// <summary>A Buddhist Era year (2400 or more); <paramref name="why"/> says what is wrong otherwise.</summary>
    public static bool TryYear(string text, out int year, out string why)
    {
        why = "";
        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out year))
            why = "is not a year";
        else if (year < FirstBeYear)
            why = $"is not a Buddhist Era year (BE = CE + 543: {year.ToString(CultureInfo.InvariantCulture)} CE "
                + $"is {(year + 543).ToString(CultureInfo.InvariantCulture)} BE)";
        else if (year > LastBeYear)
            why = "is not a plausible Buddhist Era year";
        return why.Length == 0;
    }

    /// <summary><c>;</c>-separated DOPA district codes or names, as sorted distinct codes.</summary>
    public static IReadOnlyList<string> ReadDistricts(string? text, DistrictNames districts, List<string> problems)
    {
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var item in (text ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (DopaCode.TryNormalize(item, out var code))
            {
                if (code.Length == 4)
                    codes.Add(code);
                else
                    problems.Add($"district '{item}' is a {DopaCode.LevelOf(code).ToString().ToLowerInvariant()} code, "
                        + "not a district (4 digits)");
            }
            else if (districts.TryFind(item, out var byName))
            {
                codes.Add(byName);
            }
            else
            {
                problems.Add(districts.Find(item).Count > 1
                    ? $"district name '{item}' is ambiguous ({string.Join(", ", districts.Find(item))}): give the code"
                    : $"district '{item}' is neither a DOPA code nor one of the {districts.Codes.Count} known district names");
            }
        }
        return [.. codes];
    }
}
