using Gis.SampleData.Geography;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace Gis.SampleData.Firms;

/// <summary>One generated FIRMS file: its rows in file order (re-delivered repeats included) and where each lies.</summary>
/// <param name="Rows">Row and the DOPA code of the district it lies in, or <see cref="SeasonFiles.Outside"/>.</param>
internal sealed record SeasonFile(string FileName, int Year, FirmsLayout Layout, IReadOnlyList<(FirmsRow Row, string District)> Rows);

/// <summary>
/// The sample hotspot files: VIIRS S-NPP standard files for the fire seasons 2562-2569 BE (2019-2026) and NOAA-20 NRT
/// files from 2567 BE (2024). A file holds one calendar year, mostly the January-May season.
/// </summary>
internal static class SeasonFiles
{
    public const int FirstYear = 2019;
    public const int LastYear = 2026;
    public const int FirstNoaa20Year = 2024;
    public const string Outside = "outside";

    /// <summary>S-NPP detections in the province in an average season; small on purpose (GISTDA counted 13,094 in 2566).</summary>
    private const double AverageSeasonRows = 1600;

    /// <summary>Province-wide severity of each season: 2020 and 2023 (2566 BE) were the bad haze years, 2022 a wet one.</summary>
    private static readonly Dictionary<int, double> SeasonFactor = new()
    {
        [2019] = 1.25,
        [2020] = 1.35,
        [2021] = 0.95,
        [2022] = 0.55,
        [2023] = 1.6,
        [2024] = 1.3,
        [2025] = 0.95,
    };

    private const double Noaa20Share = 0.85;
    private const double OutsideShare = 0.04;
    private const double OffSeasonShare = 0.03;
    private const double NrtRedeliveredShare = 0.03;

    /// <summary>Saraphi has no S-NPP hotspot in 2568, so 2569 against 2568 has no baseline (status no-baseline).</summary>
    private const string NoBaselineDistrict = "5019";

    public static IReadOnlyList<SeasonFile> Generate(ulong seed, IReadOnlyList<(District District, MultiPolygon Boundary)> districts,
        Polygon province)
    {
        var plan = PlanCounts(seed);
        var places = districts.Select(d => new Place(d.District, d.Boundary, seed)).ToList();
        var preparedProvince = PreparedGeometryFactory.Prepare(province);
        var files = new List<SeasonFile>();
        foreach (var (series, layout, first, offset, share) in new[]
        {
            ("viirs-snpp", FirmsLayout.SuomiNppStandard, FirstYear, 0, 1.0),
            ("viirs-noaa20", FirmsLayout.Noaa20Nrt, FirstNoaa20Year, 29, Noaa20Share),
        })
        {
            // A night detection of 31 Dec (UTC) is already 1 Jan in Bangkok; such rows land in both years' downloads.
            var newYear = new Dictionary<int, (FirmsRow, string)>();
            for (var year = first; year < LastYear; year++)
            {
                var rng = SplitMix64.For(seed, $"{series}-newyear-{year}");
                // Rotate over the fire-prone districts only, so Saraphi keeps its empty 2568 season.
                var prone = places.Where(p => p.District.FireWeight >= 2).ToList();
                var place = prone[year % prone.Count];
                newYear[year] = place.Detection(rng, new DateOnly(year, 12, 31), isDay: false, offset, type: 0, near: true);
            }

            for (var year = first; year <= LastYear; year++)
            {
                var name = layout.Standard ? $"{series}-{year}.csv" : $"{series}-{year}-nrt.csv";
                var rng = SplitMix64.For(seed, name);
                var rows = new List<(FirmsRow Row, string District)>();
                var identities = new HashSet<(DateOnly, int, int, int)>();
                void Add((FirmsRow Row, string District) r)
                {
                    if (identities.Add((r.Row.AcqDate, r.Row.AcqTimeHhmm, r.Row.LatitudeE5, r.Row.LongitudeE5)))
                        rows.Add(r);
                }

                foreach (var place in places)
                {
                    var count = (int)Math.Round(plan[(place.District.Code, year)] * share, MidpointRounding.AwayFromZero);
                    for (var i = 0; i < count; i++)
                    {
                        var (date, isDay) = SeasonDay(rng, year);
                        Add(place.Detection(rng, date, isDay, offset, type: 0, near: rng.Chance(0.7)));
                    }
                }

                // A kiln in San Kamphaeng seen again and again: standard files flag it as a static land source (type 2).
                var kiln = places.Single(p => p.District.Code == "5013");
                for (var i = 0; i < 4; i++)
                {
                    var (date, isDay) = SeasonDay(rng, year);
                    Add(kiln.StaticSource(rng, date, isDay, offset));
                }

                // Night of 31 May UTC is 1 June in Bangkok: outside the official 1 Jan - 31 May window.
                Add(places.Single(p => p.District.Code == "5003").Detection(rng, new DateOnly(year, 5, 31), isDay: false, offset, type: 0,
                    near: true));
                if (newYear.TryGetValue(year, out var endOfYear))
                    Add(endOfYear);
                if (newYear.TryGetValue(year - 1, out var startOfYear))
                    Add(startOfYear);

                var outside = (int)Math.Round(rows.Count * OutsideShare, MidpointRounding.AwayFromZero);
                for (var i = 0; i < outside; i++)
                    Add(OutsideDetection(rng, preparedProvince, year, offset));

                var ordered = rows
                    .OrderBy(r => r.Row.AcqDate).ThenBy(r => r.Row.AcqTimeHhmm)
                    .ThenByDescending(r => r.Row.LatitudeE5).ThenBy(r => r.Row.LongitudeE5)
                    .ToList();
                files.Add(new SeasonFile(name, year, layout, layout.Standard ? ordered : WithRedeliveries(rng, ordered)));
            }
        }
        return files;
    }

    /// <summary>
    /// S-NPP rows per district and season: fire weight x season severity x noise; 2026 follows 2025 by the district's
    /// designed ratio so that the 5 % target is met in most districts and missed in some.
    /// </summary>
    public static Dictionary<(string District, int Year), double> PlanCounts(ulong seed)
    {
        var rng = SplitMix64.For(seed, "plan");
        var totalWeight = ChiangMai.Districts.Sum(d => d.FireWeight);
        var plan = new Dictionary<(string, int), double>();
        foreach (var d in ChiangMai.Districts)
        {
            for (var year = FirstYear; year < LastYear; year++)
            {
                var expected = AverageSeasonRows * d.FireWeight / totalWeight * SeasonFactor[year] * rng.Range(0.8, 1.2);
                plan[(d.Code, year)] = Math.Round(expected, MidpointRounding.AwayFromZero);
            }
            if (d.Code == NoBaselineDistrict)
                plan[(d.Code, LastYear - 1)] = 0;
            plan[(d.Code, LastYear)] = d.Code == NoBaselineDistrict
                ? 2
                : Math.Round(plan[(d.Code, LastYear - 1)] * d.Ratio2569, MidpointRounding.AwayFromZero);
        }
        return plan;
    }

    /// <summary>
    /// A UTC acquisition day: mostly 1 Jan - 31 May peaking in late March (triangular, mode 21 March, so March and
    /// April hold about two thirds), a few from June to December.
    /// </summary>
    private static (DateOnly Date, bool IsDay) SeasonDay(SplitMix64 rng, int year)
    {
        var isDay = rng.Chance(0.8);
        if (rng.Chance(OffSeasonShare))
            return (new DateOnly(year, 6, 1).AddDays(rng.Next(213)), isDay);
        var day = Math.Min(150, (int)rng.Triangular(0, 79, 151));
        return (new DateOnly(year, 1, 1).AddDays(day), isDay);
    }

    private static (FirmsRow, string) OutsideDetection(SplitMix64 rng, IPreparedGeometry province, int year, int offset)
    {
        // Neighbouring Mae Hong Son, Lamphun, Chiang Rai and Myanmar: inside the download box, outside every district.
        while (true)
        {
            var lat = Detections.E5(rng.Range(17.2, 20.4));
            var lon = Detections.E5(rng.Range(97.5, 99.9));
            if (province.Covers(new Point(lon / 1e5, lat / 1e5)))
                continue;
            var (date, isDay) = SeasonDay(rng, year);
            return (Detections.Make(rng, lat, lon, date, isDay, Detections.PassTimeHhmm(date, isDay, offset), 0), Outside);
        }
    }

    /// <summary>
    /// NRT files built from overlapping downloads repeat some rows verbatim a little further down the file: the same
    /// detection delivered twice, which an importer must store once.
    /// </summary>
    private static List<(FirmsRow, string)> WithRedeliveries(SplitMix64 rng, List<(FirmsRow Row, string District)> rows)
    {
        var keyed = new List<(double Key, (FirmsRow, string) Row)>();
        for (var i = 0; i < rows.Count; i++)
        {
            keyed.Add((i, rows[i]));
            if (rng.Chance(NrtRedeliveredShare))
                keyed.Add((Math.Min(rows.Count, i + 1 + rng.Next(200)) + 0.5, rows[i]));
        }
        return [.. keyed.OrderBy(k => k.Key).Select(k => k.Row)];
    }

    /// <summary>A district with its prepared boundary and persistent burn sites (the same sites burn year after year).</summary>
    private sealed class Place
    {
        private readonly IPreparedGeometry _boundary;
        private readonly Envelope _envelope;
        private readonly List<Coordinate> _sites = [];

        public Place(District district, MultiPolygon boundary, ulong seed)
        {
            District = district;
            _boundary = PreparedGeometryFactory.Prepare(boundary);
            _envelope = boundary.EnvelopeInternal;
            var rng = SplitMix64.For(seed, "sites-" + district.Code);
            var count = 6 + (int)Math.Round(district.FireWeight * 2, MidpointRounding.AwayFromZero);
            while (_sites.Count < count)
            {
                var c = new Coordinate(rng.Range(_envelope.MinX, _envelope.MaxX), rng.Range(_envelope.MinY, _envelope.MaxY));
                if (_boundary.Contains(new Point(c)))
                    _sites.Add(c);
            }
        }

        public District District { get; }

        /// <summary>A detection strictly inside the district (never on a border), near a burn site or anywhere.</summary>
        public (FirmsRow, string) Detection(SplitMix64 rng, DateOnly date, bool isDay, int offset, int type, bool near)
        {
            while (true)
            {
                double lon, lat;
                if (near)
                {
                    var site = _sites[rng.Next(_sites.Count)];
                    lon = site.X + rng.Triangular(-0.03, 0, 0.03);
                    lat = site.Y + rng.Triangular(-0.03, 0, 0.03);
                }
                else
                {
                    lon = rng.Range(_envelope.MinX, _envelope.MaxX);
                    lat = rng.Range(_envelope.MinY, _envelope.MaxY);
                }
                var latE5 = Detections.E5(lat);
                var lonE5 = Detections.E5(lon);
                // Test the rounded point: it is what the file says and what a reader will locate.
                if (_boundary.Contains(new Point(lonE5 / 1e5, latE5 / 1e5)))
                    return (Detections.Make(rng, latE5, lonE5, date, isDay, Detections.PassTimeHhmm(date, isDay, offset), type),
                        District.Code);
            }
        }

        public (FirmsRow, string) StaticSource(SplitMix64 rng, DateOnly date, bool isDay, int offset)
        {
            var site = _sites[0];
            int latE5, lonE5;
            do
            {
                // Geolocation of a fixed source scatters by a pixel fraction between passes.
                latE5 = Detections.E5(site.Y) + rng.Next(200) - 100;
                lonE5 = Detections.E5(site.X) + rng.Next(200) - 100;
            }
            while (!_boundary.Contains(new Point(lonE5 / 1e5, latE5 / 1e5)));
            return (Detections.Make(rng, latE5, lonE5, date, isDay, Detections.PassTimeHhmm(date, isDay, offset), type: 2), District.Code);
        }
    }
}
