using Gis.Core.Plans;
using Gis.Importers.Store;

namespace Gis.Importers.Projects;

/// <summary>Writes plan projects, the districts they name and their areas.</summary>
public sealed class ProjectImporter(GisStore store)
{
    /// <summary>
    /// Stores what a file gave, in one transaction: each project replaces the stored project of its code (its named
    /// districts too; its areas stay unless the file brings areas for it), and the areas replace every stored area
    /// of their project codes. Areas must belong to a project of the file or one already stored.
    /// </summary>
    /// <param name="read">A read result that is not <see cref="ProjectReadResult.Refused"/>.</param>
    /// <param name="source">Where it came from (file path), recorded with each row.</param>
    /// <exception cref="StoreException">
    /// The result is refused, or areas refer to project codes that are not stored; nothing is changed then.
    /// </exception>
    public async Task<ProjectImportResult> ReplaceAsync(ProjectReadResult read, string source,
        CancellationToken cancellationToken = default)
    {
        if (read.Refused)
            throw new StoreException($"{source}: the file has {read.Problems.Count(p => p.Refuses)} problem(s) that refuse it"
                + "; nothing stored");

        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        int inserted = 0, replaced = 0;
        foreach (var p in read.Projects)
        {
            // xmax = 0 only for a freshly inserted row: tells insert from update in one statement.
            var wasInsert = await Sql.ScalarAsync<bool>(connection, tx, """
                INSERT INTO plan_project (code, name_th, name_en, agency, fiscal_year, budget_thb, issue_group, target_kind,
                                          target_value, target_unit, source)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                ON CONFLICT (code) DO UPDATE SET name_th = excluded.name_th, name_en = excluded.name_en, agency = excluded.agency,
                    fiscal_year = excluded.fiscal_year, budget_thb = excluded.budget_thb, issue_group = excluded.issue_group,
                    target_kind = excluded.target_kind, target_value = excluded.target_value, target_unit = excluded.target_unit,
                    source = excluded.source, imported_at = now()
                RETURNING xmax = 0
                """, cancellationToken, p.Code, p.NameTh, p.NameEn, p.Agency, (short)p.FiscalYear, p.BudgetThb, (short?)p.IssueGroup,
                TargetKinds.ToText(p.TargetKind), p.TargetValue, p.TargetUnit, source);
            if (wasInsert)
                inserted++;
            else
                replaced++;
            await Sql.ExecuteAsync(connection, tx, "DELETE FROM plan_project_district WHERE project_code = $1", cancellationToken, p.Code);
            await Sql.ExecuteAsync(connection, tx, """
                INSERT INTO plan_project_district (project_code, district_code) SELECT $1, unnest($2::text[])
                """, cancellationToken, p.Code, p.DistrictCodes.ToArray());
        }

        // Cast to object where it is the only parameter: a lone string[] would otherwise become the params array itself.
        var areaCodes = read.Areas.Select(a => a.ProjectCode).Distinct(StringComparer.Ordinal).ToArray();
        var unknown = await Sql.ScalarAsync<string[]>(connection, tx, """
            SELECT coalesce(array_agg(c ORDER BY c), '{}') FROM unnest($1::text[]) c
            WHERE NOT EXISTS (SELECT 1 FROM plan_project WHERE code = c)
            """, cancellationToken, (object)areaCodes);
        if (unknown.Length > 0)
        {
            throw new StoreException($"{source}: areas refer to project code(s) that are neither in the file nor stored: "
                + $"{string.Join(", ", unknown)}; "
                + "import the projects first (gis import projects projects.csv); nothing stored");
        }

        var areasReplaced = await Sql.ExecuteAsync(connection, tx, "DELETE FROM project_area WHERE project_code = ANY($1)",
            cancellationToken, (object)areaCodes);
        foreach (var a in read.Areas)
        {
            await Sql.ExecuteAsync(connection, tx, """
                INSERT INTO project_area (project_code, year, name, recorded_on, geom, source) VALUES ($1, $2, $3, $4, $5, $6)
                """, cancellationToken, a.ProjectCode, (short?)a.Year, a.Name, a.RecordedOn, a.Area, source);
        }
        await tx.CommitAsync(cancellationToken);
        return new ProjectImportResult(inserted, replaced, read.Areas.Count, areasReplaced);
    }
}

/// <summary>Counts of a project import.</summary>
/// <param name="AreasReplaced">Stored areas removed because the file brought areas for their projects.</param>
public sealed record ProjectImportResult(int Inserted, int Replaced, int AreasStored, int AreasReplaced);
