using Gis.Core.Plans;
using Gis.Importers.Store;

namespace Gis.Importers.Planning;

/// <summary>What <see cref="ProjectEditor.SetAsync"/> changes; a null field is left as stored.</summary>
/// <param name="FiscalYear">Buddhist Era fiscal year.</param>
/// <param name="Districts">DOPA district codes (4 digits) the project names, replacing those it named; empty names none.</param>
public sealed record ProjectCorrection(TargetKind? Kind = null, int? FiscalYear = null, IReadOnlyList<string>? Districts = null);

/// <summary>
/// Corrections of a stored plan project (<c>gis projects set</c>): target kind, fiscal year, named districts. One
/// transaction with its entry in the planner's audit history (<see cref="PlannerHistory"/>), so it is listed and can be
/// undone like a workstation edit (ADR 0010).
/// </summary>
public sealed class ProjectEditor(GisStore store)
{
    /// <returns>The id of the history entry.</returns>
    /// <exception cref="PlannerException">The project is not stored, a district is not an imported district, the year
    /// is not a BE fiscal year, or nothing is asked; nothing is written then.</exception>
    public async Task<long> SetAsync(string code, ProjectCorrection correction, string user, CancellationToken cancellationToken = default)
    {
        PlannerException.ThrowIfAny(PlanAreaRules.CheckText("user", user));
        if (correction is { Kind: null, FiscalYear: null, Districts: null })
            throw new PlannerException(PlannerRefusal.Invalid, "nothing to change: give --kind, --fiscal-year or --districts");
        if (correction.FiscalYear is < 2400)
        {
            throw new PlannerException(PlannerRefusal.Invalid,
                $"fiscal year {correction.FiscalYear} is not a Buddhist Era year (e.g. 2568)");
        }
        await using var tx = await PlannerTransaction.BeginAsync(store, cancellationToken);
        var key = PlannerTransaction.ProjectKey(code);
        var before = await tx.SnapshotAsync([key], cancellationToken);
        if (before[key] is null)
            throw new PlannerException(PlannerRefusal.NotFound, $"project {code} is not stored (see gis projects list)");
        if (correction.Districts is { } districts)
        {
            var known = await tx.ScalarAsync<string[]>(
                "SELECT coalesce(array_agg(code), '{}') FROM admin_area WHERE level = 4 AND code = ANY($1)", cancellationToken,
                (object)districts.ToArray());
            if (districts.Except(known, StringComparer.Ordinal).ToList() is { Count: > 0 } unknown)
                throw new PlannerException(PlannerRefusal.Invalid, $"not an imported district: {string.Join(", ", unknown)}");
            await tx.ExecuteAsync("DELETE FROM plan_project_district WHERE project_code = $1", cancellationToken, code);
            await tx.ExecuteAsync("INSERT INTO plan_project_district SELECT $1, unnest($2::text[])", cancellationToken, code,
                districts.Distinct(StringComparer.Ordinal).ToArray());
        }
        await tx.ExecuteAsync("""
            UPDATE plan_project SET target_kind = coalesce($2, target_kind), fiscal_year = coalesce($3, fiscal_year) WHERE code = $1
            """, cancellationToken, code, correction.Kind is { } kind ? TargetKinds.ToText(kind) : null, (short?)correction.FiscalYear);
        var after = await tx.SnapshotAsync([key], cancellationToken);
        var id = await tx.RecordAsync(new PlannerChangeDraft(user, "plan_project", code, "update",
            new PlannerSummary($"project {code} corrected (kind, fiscal year, districts)",
                $"แก้ไขโครงการ {code} (ประเภท ปีงบประมาณ อำเภอ)"), [key], [], before, after), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return id;
    }
}
