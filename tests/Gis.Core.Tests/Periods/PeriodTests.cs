using Gis.Core.Periods;

namespace Gis.Core.Tests.Periods;

public class PeriodTests
{
    [Theory]
    [InlineData("season:2569", false, "2026-01-01", "2026-05-31", "season:2569")]
    [InlineData("season:2026", true, "2026-01-01", "2026-05-31", "season:2569")]
    [InlineData("fiscal:2569", false, "2025-10-01", "2026-09-30", "fiscal:2569")]
    [InlineData("year:2567", false, "2024-01-01", "2024-12-31", "year:2567")]
    [InlineData("2026-03-25..2026-05-18", false, "2026-03-25", "2026-05-18", "2026-03-25..2026-05-18")]
    [InlineData("2569-03-25..2569-05-18", false, "2026-03-25", "2026-05-18", "2026-03-25..2026-05-18")]
    public void Parse_AcceptedForms_GiveLocalDayRange(string text, bool ce, string from, string to, string label)
    {
        var p = Period.Parse(text, ce);
        Assert.Equal(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), p.From);
        Assert.Equal(DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), p.To);
        Assert.Equal(label, p.Label);
    }

    [Fact]
    public void Season_EndMonthApril_EndsOn30April()
    {
        var p = Period.Parse("season:2567", seasonEndMonth: 4);
        Assert.Equal(new DateOnly(2024, 4, 30), p.To);
        Assert.Equal(new DateOnly(2023, 4, 30), p.Previous().To);
    }

    [Fact]
    public void Season_LeapYearFebruaryIsInside_DaysCounted()
    {
        Assert.Equal(31 + 29 + 31 + 30 + 31, Period.Season(2567).Days);
        Assert.Equal(31 + 28 + 31 + 30 + 31, Period.Season(2569).Days);
    }

    [Fact]
    public void Previous_Fiscal_IsYearBefore()
    {
        var p = Period.Fiscal(2569).Previous(3);
        Assert.Equal("fiscal:2566", p.Label);
        Assert.Equal(new DateOnly(2022, 10, 1), p.From);
    }

    [Theory]
    [InlineData("season:69")]
    [InlineData("season:2026")]
    [InlineData("winter:2569")]
    [InlineData("2026-05-18..2026-03-25")]
    [InlineData("2569")]
    public void Parse_Nonsense_SaysWhatIsAccepted(string text) => Assert.Throws<FormatException>(() => Period.Parse(text));

    [Theory]
    [InlineData("season:2568", true, "ฤดูไฟป่า 2568")]
    [InlineData("season:2568", false, "fire season 2568")]
    [InlineData("fiscal:2569", true, "ปีงบประมาณ 2569")]
    [InlineData("year:2569", false, "year 2569")]
    [InlineData("2025-03-01..2025-03-31", true, "1 มี.ค.-31 มี.ค. 2568")]
    public void Words_EveryKind_SaysItInWordsWithBuddhistEraYears(string label, bool th, string expected) =>
        Assert.Equal(expected, Period.Parse(label).Words(th));
}
