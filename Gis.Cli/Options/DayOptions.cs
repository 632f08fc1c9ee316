using System.CommandLine;
using Gis.Core.Time;

namespace Gis.Cli.Options;

/// <summary><c>--from</c>/<c>--to</c> style options naming one Bangkok local day, read as the house reads dates.</summary>
internal static class DayOptions
{
    /// <summary>A day option: yyyy-MM-dd, a year of 2400 or more read as BE (<see cref="ThaiCalendar.ParseDate"/>).</summary>
    public static Option<DateOnly?> Day(string name, string description, bool required = false) => new(name)
    {
        Description = description,
        Required = required,
        CustomParser = result => ThaiCalendar.ParseDate(result.Tokens.Single().Value),
    };
}
