using CitizenBot.Dialogs.Mediation;

namespace CitizenBot.Dialogs.Tests.Mediation;

/// <summary>Times asked for in words, read on Friday 27 November 2026 at 10:00 China time.</summary>
public sealed class MediationTimesTests
{
    private static readonly DateTimeOffset Friday = new(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData("2月30号上午可以吗", "没有2月30日这一天")]
    [InlineData("12月32号", "没有12月32日这一天")]
    [InlineData("13月1号", "没有13月1日这一天")]
    [InlineData("11月25号下午", "11月25日已经过去了")]
    [InlineData("昨天下午", "那一天已经过去了")]
    [InlineData("12月9号", null)]
    [InlineData("1月5号", null)]
    [InlineData("3月3号", null)]
    [InlineData("下周一上午", null)]
    public void ProblemWith_DayThatDoesNotExistOrHasJustPassed_SaysSo(string text, string? problem)
    {
        var said = MediationTimes.ProblemWith(text, Friday);

        if (problem is null)
        {
            Assert.Null(said);
        }
        else
        {
            Assert.StartsWith(problem, said, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("明天下午", "2026-11-28", "Afternoon", null)]
    [InlineData("后天", "2026-11-29", "Any", null)]
    [InlineData("大后天上午", "2026-11-30", "Morning", null)]
    [InlineData("有没有周三下午的", "2026-12-02", "Afternoon", null)]
    [InlineData("周五", "2026-11-27", "Any", null)]
    [InlineData("星期天", "2026-11-29", "Any", null)]
    [InlineData("下周一上午", "2026-11-30", "Morning", null)]
    [InlineData("下个礼拜五", "2026-12-04", "Any", null)]
    [InlineData("12月9号", "2026-12-09", "Any", null)]
    [InlineData("12月9日下午3点", "2026-12-09", "Afternoon", 15)]
    [InlineData("1月5号", "2027-01-05", "Any", null)]
    [InlineData("12月14日（周一）14:00-15:00 李德明", "2026-12-14", "Any", 14)]
    [InlineData("周末", "2026-11-28", "Any", null)]
    [InlineData("下周末上午", "2026-12-05", "Morning", null)]
    public void Read_DayInWords_ThatDayAndPart(string text, string day, string part, int? hour)
    {
        var wish = MediationTimes.Read(text, Friday);

        Assert.Equal(new TimeWish(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), Enum.Parse<DayPart>(part), hour), wish);
    }

    [Fact]
    public void Read_TodaysWeekdayWhosePartHasPassed_IsNextWeeks()
    {
        var fridayEvening = new DateTimeOffset(2026, 11, 27, 19, 0, 0, TimeSpan.FromHours(8));

        Assert.Equal(new DateOnly(2026, 12, 4), MediationTimes.Read("周五下午", fridayEvening)!.Day);
        Assert.Equal(new DateOnly(2026, 12, 4), MediationTimes.Read("周五下午3点", fridayEvening)!.Day);
        Assert.Equal(new DateOnly(2026, 11, 27), MediationTimes.Read("周五晚上", fridayEvening)!.Day);
    }

    [Fact]
    public void Read_PartOfDayOnly_AnyDay()
    {
        Assert.Equal(new TimeWish(null, DayPart.Afternoon, null), MediationTimes.Read("下午的有吗", Friday));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("第二个")]
    [InlineData("好的")]
    [InlineData("13月40号")]
    [InlineData("")]
    public void Read_NoTime_Null(string text)
    {
        Assert.Null(MediationTimes.Read(text, Friday));
    }

    [Fact]
    public void Fits_AfternoonWish_OnlyAfternoonSlotsOfThatDay()
    {
        var wish = new TimeWish(new DateOnly(2026, 12, 2), DayPart.Afternoon, null);
        var china = TimeSpan.FromHours(8);

        Assert.True(wish.Fits(new DateTimeOffset(2026, 12, 2, 14, 0, 0, china)));
        Assert.False(wish.Fits(new DateTimeOffset(2026, 12, 2, 9, 0, 0, china)));
        Assert.False(wish.Fits(new DateTimeOffset(2026, 12, 3, 14, 0, 0, china)));
    }
}
