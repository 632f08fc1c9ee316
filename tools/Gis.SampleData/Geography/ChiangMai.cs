using NetTopologySuite.Geometries;

namespace Gis.SampleData.Geography;

/// <summary>
/// What the generator hard-codes about Chiang Mai: the 25 districts (real DOPA codes and names) and an approximate
/// province outline. Centres and outline vertices are rounded to 0.05 degrees (about 5 km): enough for a map that
/// looks like the province, far too coarse to pass for the official boundary, which is the point.
/// </summary>
internal static class ChiangMai
{
    public const string ProvinceCode = "50";
    public const string ProvinceNameTh = "เชียงใหม่";
    public const string ProvinceNameEn = "Chiang Mai";

    /// <summary>
    /// Ordered by code. Centres are rough centroids of the HDX COD-AB districts rounded to 0.05 degrees. Fire weights
    /// follow the known pattern (forested mountains west and south heavy, the city basin light); the 2569 ratios make
    /// most districts meet the 5 % reduction target while some reduce too little (Phrao, Mae Wang) and some grow
    /// (Chiang Dao, Wiang Haeng, Mae On), so reports show every status.
    /// </summary>
    public static IReadOnlyList<District> Districts { get; } =
    [
        new("5001", "เมืองเชียงใหม่", "Mueang Chiang Mai", 98.95, 18.80, 0.4, 0.80),
        new("5002", "จอมทอง", "Chom Thong", 98.60, 18.35, 5.0, 0.85),
        new("5003", "แม่แจ่ม", "Mae Chaem", 98.30, 18.60, 10.0, 0.82),
        new("5004", "เชียงดาว", "Chiang Dao", 98.90, 19.50, 8.0, 1.12),
        new("5005", "ดอยสะเก็ด", "Doi Saket", 99.20, 18.95, 2.5, 0.88),
        new("5006", "แม่แตง", "Mae Taeng", 98.85, 19.20, 6.0, 0.90),
        new("5007", "แม่ริม", "Mae Rim", 98.90, 18.95, 2.0, 0.86),
        new("5008", "สะเมิง", "Samoeng", 98.65, 18.90, 5.0, 0.84),
        new("5009", "ฝาง", "Fang", 99.15, 19.90, 3.0, 0.87),
        new("5010", "แม่อาย", "Mae Ai", 99.35, 20.00, 3.0, 0.83),
        new("5011", "พร้าว", "Phrao", 99.20, 19.30, 4.0, 0.98),
        new("5012", "สันป่าตอง", "San Pa Tong", 98.90, 18.60, 1.5, 0.85),
        new("5013", "สันกำแพง", "San Kamphaeng", 99.15, 18.75, 1.5, 0.80),
        new("5014", "สันทราย", "San Sai", 99.05, 18.95, 0.8, 0.75),
        new("5015", "หางดง", "Hang Dong", 98.90, 18.75, 1.0, 0.80),
        new("5016", "ฮอด", "Hot", 98.50, 18.10, 6.0, 0.86),
        new("5017", "ดอยเต่า", "Doi Tao", 98.65, 17.90, 4.0, 0.88),
        new("5018", "อมก๋อย", "Omkoi", 98.35, 17.70, 10.0, 0.83),
        new("5019", "สารภี", "Saraphi", 99.00, 18.70, 0.2, 1.00),
        new("5020", "เวียงแหง", "Wiang Haeng", 98.65, 19.60, 4.0, 1.18),
        new("5021", "ไชยปราการ", "Chai Prakan", 99.15, 19.70, 2.5, 0.85),
        new("5022", "แม่วาง", "Mae Wang", 98.65, 18.65, 4.0, 0.97),
        new("5023", "แม่ออน", "Mae On", 99.30, 18.75, 2.5, 1.06),
        new("5024", "ดอยหล่อ", "Doi Lo", 98.75, 18.55, 2.0, 0.86),
        new("5025", "กัลยาณิวัฒนา", "Galyani Vadhana", 98.30, 19.00, 6.0, 0.84),
    ];

    /// <summary>
    /// Approximate province outline (longitude, latitude), clockwise from the north-east corner: a 0.05-degree
    /// tracing of a heavily simplified boundary. About 50 vertices, so district shapes stay recognisably synthetic.
    /// </summary>
    private static readonly double[] OutlineLonLat =
    [
        99.55, 20.15, 99.55, 20.10, 99.40, 19.90, 99.40, 19.80, 99.25, 19.65, 99.30, 19.55, 99.30, 19.20,
        99.40, 19.00, 99.35, 18.60, 99.30, 18.55, 99.15, 18.70, 99.00, 18.65, 98.95, 18.55, 98.70, 18.45,
        98.65, 18.35, 98.75, 18.25, 98.80, 18.00, 98.85, 18.00, 98.85, 17.85, 98.80, 17.80, 98.50, 17.80,
        98.60, 17.55, 98.50, 17.50, 98.55, 17.30, 98.40, 17.25, 98.30, 17.40, 98.30, 17.60, 98.15, 17.55,
        98.10, 17.65, 98.15, 17.80, 98.00, 17.90, 98.25, 18.00, 98.30, 18.10, 98.15, 18.10, 98.15, 18.30,
        98.20, 18.35, 98.05, 18.45, 98.25, 18.55, 98.10, 18.65, 98.10, 18.85, 98.25, 19.15, 98.35, 19.15,
        98.40, 19.05, 98.65, 19.05, 98.55, 19.20, 98.60, 19.45, 98.45, 19.70, 98.55, 19.65, 98.85, 19.80,
        99.00, 19.80, 99.10, 20.10, 99.40, 20.10, 99.55, 20.15,
    ];

    /// <summary>The outline as a valid polygon built with <paramref name="factory"/>.</summary>
    public static Polygon Outline(GeometryFactory factory)
    {
        var coordinates = new Coordinate[OutlineLonLat.Length / 2];
        for (var i = 0; i < coordinates.Length; i++)
            coordinates[i] = new Coordinate(OutlineLonLat[2 * i], OutlineLonLat[(2 * i) + 1]);
        return factory.CreatePolygon(coordinates);
    }
}
