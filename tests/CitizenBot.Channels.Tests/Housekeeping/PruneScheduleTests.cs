using CitizenBot.Channels.Housekeeping;
using Microsoft.Extensions.Time.Testing;

namespace CitizenBot.Channels.Tests.Housekeeping;

public sealed class PruneScheduleTests
{
    [Fact]
    public void IsDue_FirstCallThenOncePerInterval()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-28T08:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture));
        var schedule = new PruneSchedule(time, TimeSpan.FromSeconds(10));

        Assert.True(schedule.IsDue());
        Assert.False(schedule.IsDue());
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(schedule.IsDue());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(schedule.IsDue());
        Assert.False(schedule.IsDue());
    }

    [Fact]
    public void IsDue_ManyCallersAtOnce_OnlyOneSweeps()
    {
        var schedule = new PruneSchedule(new FakeTimeProvider(), TimeSpan.FromSeconds(10));

        var due = 0;
        Parallel.For(0, 1000, _ =>
        {
            if (schedule.IsDue())
            {
                Interlocked.Increment(ref due);
            }
        });

        Assert.Equal(1, due);
    }
}
