namespace Gis.Core.Admin;

/// <summary>Thai administrative levels; the value is the number of digits of the DOPA code.</summary>
public enum AdminLevel
{
    Province = 2,
    District = 4,
    Subdistrict = 6,
}
