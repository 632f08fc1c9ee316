using System.CommandLine;
using Gis.Core.Periods;

namespace Gis.Cli.Options;

/// <summary>The options that name periods, shared by the target commands.</summary>
internal static class PeriodOptions
{
    public static readonly Option<bool> Ce = new("--ce") { Description = "Years in periods are CE (2026) instead of Buddhist Era (2569)" };

    public static readonly Option<int> SeasonEndMonth = new("--season-end-month")
    {
        Description = "Last month of the fire season (5 = May, the official window; 4 for provinces counting to April)",
        DefaultValueFactory = _ => Period.DefaultSeasonEndMonth,
    };

    public static Option<Period> Required(string name, string description) => new(name)
    {
        Description = description + ": season:2569, fiscal:2569, year:2569 or 2026-01-01..2026-05-31 (BE years unless --ce)",
        Required = true,
        CustomParser = result =>
        {
            // --ce and --season-end-month may come after this option on the line: read them from the whole parse.
            var parse = result.GetResult(Ce);
            var ce = parse is not null && parse.GetValueOrDefault<bool>();
            var endMonth = result.GetResult(SeasonEndMonth)?.GetValueOrDefault<int>() ?? Period.DefaultSeasonEndMonth;
            return Period.Parse(result.Tokens.Single().Value, ce, endMonth);
        },
    };
}
