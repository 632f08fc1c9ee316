namespace Gis.Core.LandUse;

/// <summary>
/// Green-area change of one district between two land-use snapshots, in rai on the ellipsoid.
/// Gain is the area green in the later snapshot and not green in the earlier; loss the reverse.
/// </summary>
/// <param name="Code">DOPA district code (e.g. <c>5001</c>).</param>
/// <param name="GainRai">Area that became green, in rai (≥ 0).</param>
/// <param name="LossRai">Area that stopped being green, in rai (≥ 0).</param>
public sealed record GreenChange(string Code, string NameTh, string NameEn, double GainRai, double LossRai)
{
    /// <summary>Gain minus loss, in rai; negative when green area shrank.</summary>
    public double NetRai => GainRai - LossRai;
}

/// <summary>
/// Green-area change per district between snapshots <paramref name="FromYear"/> and <paramref name="ToYear"/>
/// (Buddhist Era years).
/// </summary>
/// <param name="Districts">Every district of the selection, in code order, zero changes included.</param>
/// <param name="Outside">
/// Change on land that lies in no imported district (counted in no district and not in <see cref="Total"/>); its
/// code and names are empty.
/// </param>
public sealed record GreenChangeReport(int FromYear, int ToYear, IReadOnlyList<GreenChange> Districts, GreenChange Outside)
{
    /// <summary>The sum over <see cref="Districts"/> (the province, when one province was asked for).</summary>
    public GreenChange Total(string code, string nameTh, string nameEn) =>
        new(code, nameTh, nameEn, Districts.Sum(d => d.GainRai), Districts.Sum(d => d.LossRai));
}
