using CitizenBot.Bot.Tests.Hosting;
using CitizenBot.Channels.DirectLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.Tests.DirectLine;

/// <summary>What the Direct Line server itself tells a citizen, as the hosted bot configures it.</summary>
public sealed class DirectLineNoticeTests
{
    [Fact]
    public async Task TooManyMessagesNotice_NamesTheHotlines_EachAsATelLink()
    {
        await using var bot = new BotServer();

        var notice = bot.Services.GetRequiredService<IOptions<DirectLineOptions>>().Value.TooManyMessagesText;

        Assert.Contains("[110](tel:110)", notice, StringComparison.Ordinal);
        Assert.Contains("[119](tel:119)", notice, StringComparison.Ordinal);
        Assert.Contains("[120](tel:120)", notice, StringComparison.Ordinal);
    }
}
