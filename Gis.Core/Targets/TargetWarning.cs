namespace Gis.Core.Targets;

/// <summary>
/// Something the reader of a target result must know to trust it (e.g. the sensors differ between the periods), in
/// English for the command line and in Thai for the workstation's Thai page.
/// </summary>
public sealed record TargetWarning(string En, string Th)
{
    /// <summary>The English text: what the command line prints.</summary>
    public override string ToString() => En;
}
