namespace Gis.TestSupport;

/// <summary>
/// The xunit trait that marks the slow tests by what they need, put on the test class:
/// <c>[Trait(Needs.Trait, Needs.PostGis)]</c>. The fast subset leaves them out with
/// <c>dotnet test --filter "Needs!=PostGIS&amp;Needs!=Browser"</c>, which is what <c>scripts/test.sh --fast</c> runs.
/// </summary>
public static class Needs
{
    /// <summary>The trait's name.</summary>
    public const string Trait = "Needs";

    /// <summary>The test starts or uses the throwaway PostGIS cluster (<see cref="PostGis"/>).</summary>
    public const string PostGis = "PostGIS";

    /// <summary>The test drives Chromium through Playwright.</summary>
    public const string Browser = "Browser";
}
