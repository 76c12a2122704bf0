using System.Text.RegularExpressions;
using CitizenBot.Bot.Ticketing.Lifecycle;

namespace CitizenBot.Bot.Tests.Center;

/// <summary>The contract in the repo (<c>bot/Ticketing/Center/center-api.yaml</c>) says what the bot does: the statuses it accepts and the calls it makes.</summary>
public sealed partial class CenterContractTests
{
    [Fact]
    public void CallbackStatuses_AreExactlyTheOnesTheBotAccepts()
    {
        var match = CallbackStatusEnum().Match(Contract());

        Assert.True(match.Success, "center-api.yaml has no Callback status enum");
        var listed = match.Groups["list"].Value.Split(',', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        Assert.True(listed.SetEquals(TicketStatuses.FromCenter), $"contract: {string.Join(", ", listed.Order())}; bot: {string.Join(", ", TicketStatuses.FromCenter.Order())}");
    }

    [Theory]
    [InlineData("/tickets/{id}/reminders:")]
    [InlineData("/tickets/{id}/withdrawal:")]
    [InlineData("/tickets/{id}/reopen:")]
    [InlineData("/tickets/{id}/followers:")]
    public void FollowUpCalls_AreInTheContract(string path) => Assert.Contains("  " + path, Contract(), StringComparison.Ordinal);

    private static string Contract()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CitizenBot.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        return File.ReadAllText(Path.Combine(dir.FullName, "bot", "Ticketing", "Center", "center-api.yaml"));
    }

    [GeneratedRegex(@"Callback:.*?status:\s*\n\s*type: string\s*\n\s*enum: \[(?<list>[^\]]+)\]", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex CallbackStatusEnum();
}
