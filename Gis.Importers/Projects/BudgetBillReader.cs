using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Gis.Core.Admin;
using Gis.Core.Plans;
using Gis.Core.Text;
using Gis.Core.Time;

namespace Gis.Importers.Projects;

/// <summary>
/// Budget-bill lines as kaogeek/thailand-budget-pdf2csv extracts them from the Thai budget PDF (columns
/// <c>BUDGETARY_UNIT</c>, <c>PROJECT</c>/<c>OUTPUT</c>, <c>ITEM_DESCRIPTION</c>, <c>FISCAL_YEAR</c> (CE), <c>AMOUNT</c>
/// with thousands separators). The text is OCR output: an amount or district name that cannot be read is reported
/// per line and left out, never repaired by guessing.
/// </summary>
/// <remarks>
/// Lines are grouped into one project per budgetary unit (province or province cluster), project name and fiscal
/// year, because the bill names projects but gives them no code. The code is <c>BB{BE year}-</c> and the first 8 hex
/// digits of the SHA-256 of unit and name, so a re-import replaces the same projects. Districts come from
/// <c>อำเภอ...</c> in the item text, matched by name (the bill has no codes).
/// </remarks>
internal static partial class BudgetBillReader
{
    private const string Unit = "BUDGETARY_UNIT";
    private const string Project = "PROJECT";
    private const string Output = "OUTPUT";
    private const string Item = "ITEM_DESCRIPTION";
    private const string FiscalYear = "FISCAL_YEAR";
    private const string Amount = "AMOUNT";
    private static readonly string[] Required = [Unit, Project, Item, FiscalYear, Amount];

    /// <summary>True when a CSV header is a budget bill's.</summary>
    public static bool Recognises(IReadOnlyList<string> header) => Required.All(r => header.Contains(r, StringComparer.OrdinalIgnoreCase));

    public static ProjectReadResult Read(string path, DistrictNames districts)
    {
        using var records = CsvRecords.ReadFile(path).GetEnumerator();
        if (!records.MoveNext() || !Recognises(records.Current.Fields))
            throw new ProjectFormatException($"{path}: is not a budget-bill CSV: it needs the columns {string.Join(", ", Required)}");
        var header = records.Current.Fields;

        var groups = new Dictionary<(string Unit, string Name, int Year), Group>();
        var problems = new List<ProjectReadProblem>();
        var read = 0;
        while (records.MoveNext())
        {
            var (line, fields) = records.Current;
            read++;
            string Get(string column) =>
                Array.FindIndex(header, h => h.Equals(column, StringComparison.OrdinalIgnoreCase)) is var i and >= 0 && i < fields.Length
                    ? fields[i] : "";
            void Problem(ProjectProblemKind kind, string message) =>
                problems.Add(new ProjectReadProblem("line", line, message, false, kind));

            var unit = ThaiText.Normalize(Get(Unit));
            // A line belongs to one project or one output, never both (the extractor's documented rule).
            var name = ThaiText.Normalize(Get(Project)) is { Length: > 0 } p ? p : ThaiText.Normalize(Get(Output));
            if (unit.Length == 0 || name.Length == 0)
            {
                Problem(ProjectProblemKind.Record, $"has no {(unit.Length == 0 ? Unit : $"{Project} or {Output}")}: the line is left out");
                continue;
            }
            if (!int.TryParse(Get(FiscalYear).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var ceYear)
                || ceYear is < 1900 or > 2300)
            {
                Problem(ProjectProblemKind.Year, $"{FiscalYear} '{Get(FiscalYear)}' is not a CE year: the line is left out");
                continue;
            }

            var key = (unit, name, ceYear + ThaiCalendar.BuddhistEraOffset);
            if (!groups.TryGetValue(key, out var group))
                groups[key] = group = new Group(groups.Count);
            group.Lines++;
            if (BahtAmount.TryParse(Get(Amount), out var amount))
            {
                group.Amount += amount;
            }
            else
            {
                group.UnreadableLines.Add(line);
                Problem(ProjectProblemKind.Amount,
                    $"{Amount} '{Get(Amount)}' is not an amount: the budget of project '{name}' ({unit}) is left unknown");
            }

            var item = ThaiText.Normalize(Get(Item));
            foreach (Match m in DistrictMention().Matches(item))
            {
                var districtName = m.Groups[1].Value;
                var found = districts.Find(districtName);
                if (found.Count == 1)
                    group.Districts.Add(found.First());
                else
                    Problem(ProjectProblemKind.DistrictName, $"district name 'อำเภอ{districtName}' in {Item} " + (found.Count > 1
                        ? $"names districts of several provinces ({string.Join(", ", found)}): not linked"
                        : $"is not one of the {districts.Codes.Count} known districts: not linked"));
            }
        }

        var projects = new List<PlanProject>();
        var notes = new List<string>();
        foreach (var ((unit, name, year), group) in groups.OrderBy(g => g.Value.Order))
        {
            var code = CodeOf(unit, name, year);
            var inferred = TargetKinds.Infer(name);
            projects.Add(new PlanProject(code, name, "", unit, year, group.UnreadableLines.Count == 0 ? group.Amount : null, null,
                inferred ?? TargetKind.Other, null, null, [.. group.Districts]));
            notes.Add($"{code} '{name}' ({unit}): {group.Lines} line(s), "
                + (group.UnreadableLines.Count == 0
                    ? $"{group.Amount.ToString("N0", CultureInfo.InvariantCulture)} THB"
                    : $"budget unknown (amount unreadable on line {string.Join(", ", group.UnreadableLines)})")
                + (inferred is { } k
                    ? $"; target kind {TargetKinds.ToText(k)}, inferred from the name"
                    : "; target kind other: the name makes no hotspot or green aim clear"));
        }
        return new ProjectReadResult("budget-bill", read, projects, [], problems, notes);
    }

    /// <summary>The stable code of a budget-bill project.</summary>
    public static string CodeOf(string unit, string name, int beYear) =>
        string.Create(CultureInfo.InvariantCulture,
            $"BB{beYear}-{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(unit + "\n" + name)))[..8]}");

    // อำเภอ then the name up to the next space or non-Thai character.
    [GeneratedRegex(@"อำเภอ\s?([\u0E01-\u0E4E]+)")]
    private static partial Regex DistrictMention();

    private sealed class Group(int order)
    {
        public int Order { get; } = order;
        public int Lines { get; set; }
        public decimal Amount { get; set; }
        public List<int> UnreadableLines { get; } = [];
        public SortedSet<string> Districts { get; } = new(StringComparer.Ordinal);
    }
}
