using CitizenBot.Bot.Hosting;

namespace CitizenBot.Bot.Tests.Hosting;

/// <summary>The one backoff of the jobs that retry on their own schedule: center pushes and staff alerts.</summary>
public sealed class RetryBackoffTests
{
    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(6, 960)]
    [InlineData(7, 1800)]
    [InlineData(8, 1800)]
    public void Delay_StaffAlertSchedule_DoublesFromHalfAMinuteUpToHalfAnHour(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryBackoff.Delay(attempts, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(30)));

    [Theory]
    [InlineData(1, 5)]
    [InlineData(4, 40)]
    [InlineData(7, 320)]
    [InlineData(8, 600)]
    public void Delay_CenterPushDefaults_DoublesFromFiveSecondsUpToTenMinutes(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryBackoff.Delay(attempts, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10)));

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Delay_NoAttemptCounted_IsTheFirstDelay(int attempts) =>
        Assert.Equal(TimeSpan.FromSeconds(5), RetryBackoff.Delay(attempts, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10)));

    [Theory]
    [InlineData(64)]
    [InlineData(int.MaxValue)]
    public void Delay_AttemptsFarBeyondTheCap_StaysAtTheLongestWithoutOverflow(int attempts) =>
        Assert.Equal(TimeSpan.FromDays(1), RetryBackoff.Delay(attempts, TimeSpan.FromMinutes(10), TimeSpan.FromDays(1)));
}
