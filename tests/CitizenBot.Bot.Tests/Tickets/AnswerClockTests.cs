using CitizenBot.Bot.Ticketing.Tickets;
using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.Tests.Tickets;

/// <summary>答复时限 as the taxonomy sets it: hours around the clock, or on working days only.</summary>
public sealed class AnswerClockTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public void DueAt_WorkingDaysOverAWeekend_SaturdayAndSundayDoNotCount()
    {
        // Friday 2026-12-04 18:00 China time, 公共设施损坏: 48 working hours.
        var due = Clock().DueAt("02-01", urgent: false, new DateTimeOffset(2026, 12, 4, 18, 0, 0, China));

        Assert.Equal(new DateTimeOffset(2026, 12, 8, 18, 0, 0, China), due);
    }

    [Fact]
    public void DueAt_ConfiguredHoliday_StandsStillThatDayToo()
    {
        var due = Clock(new DateOnly(2026, 12, 7)).DueAt("02-01", urgent: false, new DateTimeOffset(2026, 12, 4, 18, 0, 0, China));

        Assert.Equal(new DateTimeOffset(2026, 12, 9, 18, 0, 0, China), due);
    }

    [Fact]
    public void DueAt_FiledOnASunday_ClockStartsMonday()
    {
        var due = Clock().DueAt("02-01", urgent: false, new DateTimeOffset(2026, 12, 6, 15, 30, 0, China));

        Assert.Equal(new DateTimeOffset(2026, 12, 9, 0, 0, 0, China), due);
    }

    [Fact]
    public void DueAt_AroundTheClockCategory_WeekendCounts()
    {
        // 消防/安全隐患: 24 hours, every day.
        var due = Clock().DueAt("05-01", urgent: false, new DateTimeOffset(2026, 12, 5, 9, 15, 0, China));

        Assert.Equal(new DateTimeOffset(2026, 12, 6, 9, 15, 0, China), due);
    }

    [Fact]
    public void DueAt_Urgent_ItsOwnTwoHoursWhateverTheCategory()
    {
        var due = Clock().DueAt("01-01", urgent: true, new DateTimeOffset(2026, 12, 5, 23, 0, 0, China));

        Assert.Equal(new DateTimeOffset(2026, 12, 6, 1, 0, 0, China), due);
    }

    [Fact]
    public void DueAt_UnknownCategory_TheLastOnesTime()
    {
        var due = Clock().DueAt("no-such-code", urgent: false, new DateTimeOffset(2026, 12, 7, 9, 0, 0, China));

        Assert.Equal(new DateTimeOffset(2026, 12, 14, 9, 0, 0, China), due);
    }

    [Fact]
    public void Taxonomy_NonPositiveAnswerHours_Refused()
    {
        var path = Path.Combine(Path.GetTempPath(), "citizenbot-taxonomy-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, """{ "categories": [ { "code": "99-99", "name": "其他", "type": "help", "urgent": false, "keywords": [], "answerHours": 0 } ] }""");

        Assert.Throws<InvalidDataException>(() => new Taxonomy(Options.Create(new TicketingOptions { TaxonomyPath = path })));
    }

    private static AnswerClock Clock(params DateOnly[] holidays)
    {
        var options = Options.Create(new TicketingOptions { Holidays = [.. holidays] });
        return new AnswerClock(new Taxonomy(options), options);
    }
}
