using System.CommandLine;
using Gis.Core.Periods;
using Gis.Core.Targets;

namespace Gis.Cli.Options;

/// <summary>
/// The options that name periods, as every command that takes one has them: <c>--period</c>, and <c>--ce</c> and
/// <c>--season-end-month</c>, which say how it (and a <c>--baseline</c>) is read. One instance per command.
/// </summary>
internal sealed class PeriodOptions
{
    /// <param name="role">What the period is for, starting the description of <c>--period</c> ("The period to judge").</param>
    /// <param name="required">False where the command can do without a period.</param>
    public PeriodOptions(string role, bool required = true)
    {
        Period = new("--period")
        {
            Description = role + ": season:2569, fiscal:2569, year:2569 or 2026-01-01..2026-05-31 (BE years unless --ce)",
            Required = required,
            CustomParser = result =>
            {
                // --ce and --season-end-month may come after this option on the line: read them from the whole parse.
                var parse = result.GetResult(Ce);
                var ce = parse is not null && parse.GetValueOrDefault<bool>();
                var endMonth = result.GetResult(SeasonEndMonth)?.GetValueOrDefault<int>() ?? Core.Periods.Period.DefaultSeasonEndMonth;
                return Core.Periods.Period.Parse(result.Tokens.Single().Value, ce, endMonth);
            },
        };
    }

    public Option<Period> Period { get; }

    public Option<bool> Ce { get; } = YearOptions.Ce("Years in periods are");

    public Option<int> SeasonEndMonth { get; } = new("--season-end-month")
    {
        Description = "Last month of the fire season (5 = May, the official window; 4 for provinces counting to April)",
        DefaultValueFactory = _ => Core.Periods.Period.DefaultSeasonEndMonth,
    };

    /// <summary><c>--baseline</c>, default previous: what a period's count is compared with.</summary>
    /// <param name="onlyWith">The option value it applies to (e.g. "--theme reduction"), null when always.</param>
    public static Option<string> Baseline(string? onlyWith = null) => new("--baseline")
    {
        Description = "What the count is compared with" + (onlyWith is null ? "" : ", for " + onlyWith)
            + ": previous, mean:N (mean of the N previous periods) or a period such as season:2566",
        DefaultValueFactory = _ => "previous",
    };

    /// <summary>The baseline <paramref name="baseline"/> names, read with this command's <c>--ce</c> and
    /// <c>--season-end-month</c>.</summary>
    public Baseline ReadBaseline(ParseResult parse, Option<string> baseline) =>
        Core.Targets.Baseline.Parse(parse.GetValue(baseline)!, parse.GetValue(Ce), parse.GetValue(SeasonEndMonth));
}
