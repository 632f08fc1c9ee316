using Gis.SampleData.Geography;
using Gis.SampleData.LandUse;
using Gis.SampleData.Projects;
using NetTopologySuite.Index.Strtree;

namespace Gis.SampleData.Tests;

public class LandUseAndProjectsTests
{
    [Fact]
    public void Generate_Parcels_AreValidAndDoNotOverlap()
    {
        var (parcels, _) = LandUseSnapshots.Generate(SampleDataset.DefaultSeed, DistrictTessellation.Build());
        var index = new STRtree<Parcel>();
        foreach (var p in parcels)
            index.Insert(p.Boundary.EnvelopeInternal, p);

        Assert.True(parcels.Count > 500);
        Assert.All(parcels, p => Assert.True(p.Boundary.IsValid, p.Id));
        Assert.Equal(parcels.Count, parcels.Select(p => p.Id).Distinct().Count());
        foreach (var p in parcels)
        {
            foreach (var q in index.Query(p.Boundary.EnvelopeInternal))
                Assert.True(ReferenceEquals(p, q) || !p.Boundary.Relate(q.Boundary, "2********"), $"{p.Id} overlaps {q.Id}");
        }
    }

    [Fact]
    public void Generate_2566_GainsAndLosesGreen()
    {
        var (before, after) = LandUseSnapshots.Generate(SampleDataset.DefaultSeed, DistrictTessellation.Build());
        var pairs = before.Zip(after).ToList();

        Assert.All(pairs, p => Assert.Equal(p.First.Id, p.Second.Id));
        Assert.Contains(pairs, p => !p.First.Class.IsGreen && p.Second.Class.IsGreen);
        Assert.Contains(pairs, p => p.First.Class.IsGreen && !p.Second.Class.IsGreen);
    }

    [Fact]
    public void Areas_TwoReforestationProjects_Overlap()
    {
        var areas = PlanProjects.Areas(DistrictTessellation.Factory);
        var maeSa = areas.Single(a => a.ProjectCode == "CM-2568-003");
        var doiSuthep = areas.Single(a => a.ProjectCode == "CM-2568-004");

        Assert.True(maeSa.Boundary.Intersection(doiSuthep.Boundary).Area > 0);
        Assert.All(areas, a => Assert.Contains(PlanProjects.All, p => p.Code == a.ProjectCode));
    }
}
