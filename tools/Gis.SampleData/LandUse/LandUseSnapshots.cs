using System.Globalization;
using Gis.SampleData.Geography;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace Gis.SampleData.LandUse;

/// <summary>A land-use parcel of one snapshot; the id is stable between snapshots.</summary>
internal sealed record Parcel(string Id, LandUseClass Class, Polygon Boundary);

/// <summary>
/// Two synthetic LDD land-use snapshots (2565 and 2566 BE) of a block west of the city (lon 98.66-98.98, lat
/// 18.62-18.90): a 0.01-degree grid cut along the synthetic district borders, so no parcel straddles a district and
/// parcels never overlap. Classes follow a "hilliness" that rises westwards (forest on the Doi Suthep-Samoeng hills,
/// orchards and paddy in the basin, town near the city). 2566 repeats 2565 except that some corn, abandoned field and
/// shrub parcels turned green (regrowth or teak planting) and a few green parcels were cleared or built on.
/// </summary>
internal static class LandUseSnapshots
{
    /// <summary>Grid origin and size in hundredths of a degree: integers, so cell corners are exact decimals.</summary>
    private const int West = 9866, South = 1862, Columns = 32, Rows = 28;

    private const double CityLon = 98.985, CityLat = 18.79;

    public static (IReadOnlyList<Parcel> Year2565, IReadOnlyList<Parcel> Year2566) Generate(
        ulong seed, IReadOnlyList<(District District, MultiPolygon Boundary)> districts)
    {
        var factory = DistrictTessellation.Factory;
        var noise = new ValueNoise(SplitMix64.For(seed, "landuse-noise"));
        var rng = SplitMix64.For(seed, "landuse-2565");
        var prepared = districts.Select(d => (d.Boundary, Prepared: PreparedGeometryFactory.Prepare(d.Boundary))).ToList();
        var first = new List<Parcel>();
        for (var row = 0; row < Rows; row++)
        {
            for (var col = 0; col < Columns; col++)
            {
                var x0 = (West + col) / 100.0;
                var y0 = (South + row) / 100.0;
                var cell = factory.ToGeometry(new Envelope(x0, (West + col + 1) / 100.0, y0, (South + row + 1) / 100.0));
                var part = 0;
                foreach (var (boundary, p) in prepared)
                {
                    if (!p.Intersects(cell))
                        continue;
                    var pieces = p.Covers(cell) ? cell : OverlayNG.Overlay(cell, boundary, SpatialFunction.Intersection,
                        factory.PrecisionModel);
                    for (var i = 0; i < pieces.NumGeometries; i++)
                    {
                        if (pieces.GetGeometryN(i) is not Polygon { IsEmpty: false } polygon)
                            continue;
                        var centre = polygon.InteriorPoint.Coordinate;
                        var id = string.Create(CultureInfo.InvariantCulture, $"LU-{row:D2}{col:D2}-{part++}");
                        first.Add(new Parcel(id, ClassAt(rng, centre, noise), polygon));
                    }
                }
            }
        }

        var change = SplitMix64.For(seed, "landuse-2566");
        var second = first.Select(p => p with { Class = Changed(change, p.Class) }).ToList();
        return (first, second);
    }

    private static LandUseClass ClassAt(SplitMix64 rng, Coordinate at, ValueNoise noise)
    {
        var dx = at.X - CityLon;
        var dy = at.Y - CityLat;
        var cityDistance = Math.Sqrt((dx * dx) + (dy * dy));
        var u = rng.NextDouble();
        if (cityDistance < 0.03)
            return Pick(u, (0.5, LandUseClass.City), (0.7, LandUseClass.Institutional), (0.8, LandUseClass.Recreation),
                (1, LandUseClass.Village));
        if (cityDistance < 0.07)
            return Pick(u, (0.4, LandUseClass.Village), (0.55, LandUseClass.TruckCrop), (0.8, LandUseClass.Paddy),
                (1, LandUseClass.Longan));

        var hill = ((98.98 - at.X) / 0.32 * 0.8) + (noise.At(at.X, at.Y) * 0.4) - 0.1;
        return hill switch
        {
            > 0.80 => Pick(u, (0.6, LandUseClass.EvergreenForest), (1, LandUseClass.DeciduousForest)),
            > 0.62 => Pick(u, (0.55, LandUseClass.DeciduousForest), (0.75, LandUseClass.DisturbedDeciduous),
                (0.85, LandUseClass.Shrubland), (1, LandUseClass.Corn)),
            > 0.45 => Pick(u, (0.3, LandUseClass.Corn), (0.5, LandUseClass.Shrubland), (0.65, LandUseClass.DisturbedDeciduous),
                (0.8, LandUseClass.Longan), (0.9, LandUseClass.Teak), (1, LandUseClass.AbandonedFieldCrop)),
            > 0.25 => Pick(u, (0.3, LandUseClass.Longan), (0.55, LandUseClass.Paddy), (0.7, LandUseClass.MixedOrchard),
                (0.85, LandUseClass.Village), (0.95, LandUseClass.Corn), (1, LandUseClass.FarmPond)),
            _ => Pick(u, (0.45, LandUseClass.Paddy), (0.65, LandUseClass.Village), (0.8, LandUseClass.Longan),
                (0.9, LandUseClass.TruckCrop), (0.95, LandUseClass.FarmPond), (1, LandUseClass.Reservoir)),
        };
    }

    /// <summary>What a 2565 parcel became in 2566: mostly unchanged; some gains (15 % of corn/shrub/abandoned) and losses (3 % of
    /// green).</summary>
    private static LandUseClass Changed(SplitMix64 rng, LandUseClass before)
    {
        var u = rng.NextDouble();
        if (before == LandUseClass.Corn || before == LandUseClass.AbandonedFieldCrop || before == LandUseClass.Shrubland)
            return u < 0.10 ? LandUseClass.DisturbedDeciduous : u < 0.15 ? LandUseClass.Teak : before;
        if (before.IsGreen && before != LandUseClass.Recreation)
            return u < 0.02 ? LandUseClass.Corn : u < 0.03 ? LandUseClass.Village : before;
        return before;
    }

    private static LandUseClass Pick(double u, params (double UpTo, LandUseClass Class)[] choices) =>
        choices.First(c => u < c.UpTo).Class;

    /// <summary>Bilinear value noise on a 0.04-degree lattice: smooth patches, built from arithmetic only.</summary>
    private sealed class ValueNoise
    {
        private const double Step = 0.04;
        private readonly double[,] _values = new double[12, 12];

        public ValueNoise(SplitMix64 rng)
        {
            for (var i = 0; i < 12; i++)
            {
                for (var j = 0; j < 12; j++)
                    _values[i, j] = rng.NextDouble();
            }
        }

        public double At(double lon, double lat)
        {
            var fx = (lon - (West / 100.0)) / Step;
            var fy = (lat - (South / 100.0)) / Step;
            var i = Math.Clamp((int)fx, 0, 10);
            var j = Math.Clamp((int)fy, 0, 10);
            var tx = Math.Clamp(fx - i, 0, 1);
            var ty = Math.Clamp(fy - j, 0, 1);
            var bottom = (_values[i, j] * (1 - tx)) + (_values[i + 1, j] * tx);
            var top = (_values[i, j + 1] * (1 - tx)) + (_values[i + 1, j + 1] * tx);
            return (bottom * (1 - ty)) + (top * ty);
        }
    }
}
