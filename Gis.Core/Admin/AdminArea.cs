using NetTopologySuite.Geometries;

namespace Gis.Core.Admin;

/// <summary>
/// A province, district (amphoe) or subdistrict (tambon) with its boundary.
/// </summary>
/// <param name="Code">DOPA code without prefix; its length gives the level.</param>
/// <param name="NameTh">Thai name, Unicode NFC.</param>
/// <param name="NameEn">English name.</param>
/// <param name="Boundary">Valid multipolygon in <see cref="Srid.Wgs84"/> (longitude, latitude).</param>
public sealed record AdminArea(string Code, string NameTh, string NameEn, MultiPolygon Boundary)
{
    public AdminLevel Level => DopaCode.LevelOf(Code);
    public string ProvinceCode => DopaCode.ProvinceOf(Code);
}
