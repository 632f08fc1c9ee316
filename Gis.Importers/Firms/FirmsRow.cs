using Gis.Core.Hotspots;

namespace Gis.Importers.Firms;

/// <summary>One data line of a FIRMS file: either a hotspot or the reason it could not be read.</summary>
/// <param name="Line">1-based line number in the file (the header is line 1).</param>
public readonly record struct FirmsRow(int Line, Hotspot? Hotspot, FirmsRejection? Rejection);

/// <summary>A line that could not be read, with why, and the line itself for the rejections table.</summary>
public sealed record FirmsRejection(int Line, string Reason, string Raw);
