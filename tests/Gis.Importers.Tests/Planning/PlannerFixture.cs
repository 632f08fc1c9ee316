using Gis.Core.Plans;
using Gis.Importers.Boundaries;
using Gis.Importers.LandUse;
using Gis.Importers.Projects;
using Gis.Importers.Targets;
using Gis.Importers.Tests.Boundaries;
using Gis.TestSupport;

namespace Gis.Importers.Tests.Planning;

/// <summary>
/// A fresh database with the 25 real Chiang Mai districts (HDX), two tiny land-use snapshots (the green-target
/// report needs a pair) and one stored green project with an area in Mae Chaem (5003), so figures start above zero.
/// </summary>
internal static class PlannerFixture
{
    public const string MaeChaem = "5003";

    /// <summary>A 0.01° square inside Mae Chaem, away from the stored area.</summary>
    public const string InMaeChaem = "POLYGON ((98.35 18.57, 98.36 18.57, 98.36 18.58, 98.35 18.58, 98.35 18.57))";

    /// <summary>The stored project's area in Mae Chaem.</summary>
    public const string StoredArea = "POLYGON ((98.30 18.60, 98.31 18.60, 98.31 18.61, 98.30 18.61, 98.30 18.60))";

    public static async Task<TestDatabase> NewAsync(BoundaryFixtures files)
    {
        var db = await PostGis.NewDatabaseAsync();
        var boundaries = BoundaryReader.Read(SharedData.PathOf("boundaries", "hdx-thailocate", "chiangmai_amphoe_TH50.geojson"));
        await new BoundaryImporter(db.Store).ReplaceAsync(boundaries.Areas, "hdx");
        foreach (var year in new[] { 2565, 2566 })
        {
            var path = files.WriteGeoJson($"lu-{year}.geojson",
                BoundaryFixtures.Feature("POLYGON ((98.97 18.77, 98.98 18.77, 98.98 18.78, 98.97 18.77))",
                    ("LU_CODE", year == 2565 ? "A202" : "F201")));
            using var layer = LandUseReader.Open(path, LandUseMappingFile.Default);
            await new LandUseImporter(db.Store).ImportAsync(layer, year);
        }
        await new ProjectImporter(db.Store).ReplaceAsync(new ProjectReadResult("fixture", 1,
            [new PlanProject("G1", "ปลูกป่าแม่แจ่ม", "Mae Chaem reforestation", "RFD", 2568, null, 4, TargetKind.GreenArea, 500, "rai", []),
             new PlanProject("H1", "ลดไฟป่า", "Fire reduction", "DNP", 2568, null, 4, TargetKind.HotspotReduction, -5, "%", [])],
            [new ProjectArea("G1", 2568, "plot 1", Wkt.MultiPolygon(StoredArea))], [], []), "fixture");
        return db;
    }

    /// <summary>The district's green-project rai of the year as the green-target report gives it.</summary>
    public static async Task<double> GreenProjectsRaiAsync(TestDatabase db, string district, int year) =>
        (await new GreenTargetService(db.Store).ComputeAsync(2565, 2566, year, "50")).ProjectsRai.GetValueOrDefault(district);

    /// <summary>Row counts of every table the planner writes, to show a refusal changed nothing.</summary>
    public static async Task<string> CountsAsync(TestDatabase db) => await db.ScalarAsync<string>("""
        SELECT (SELECT count(*) FROM project_area) || '/' || (SELECT count(*) FROM plan_project)
               || '/' || (SELECT count(*) FROM plan_project_district)
               || '/' || (SELECT count(*) FROM district_allocation) || '/' || (SELECT count(*) FROM planner_change)
               || '/' || coalesce((SELECT md5(string_agg(encode(ST_AsEWKB(geom), 'hex') || coalesce(year::text, ''), ',' ORDER BY id))
                                   FROM project_area), '')
               || '/' || coalesce((SELECT md5(string_agg(district_code || allocation_rai || locked, ',' ORDER BY year, district_code))
                                   FROM district_allocation), '')
        """);
}
