using CitizenBot.Bot.Ticketing.Center;
using CitizenBot.Bot.Turns;
using CitizenBot.Channels.Activities;
using CitizenBot.Channels.Turns;
using CitizenBot.Dialogs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CitizenBot.Bot.Tests.Center;

/// <summary>A proactive message, then the citizen's open question again with its buttons (asked by a turn of the bot).</summary>
public sealed class ProactiveCitizenNotifierTests
{
    private static readonly ConversationReference Reference = new("directline", "conv-1", "user-1", "bot-1");

    [Fact]
    public async Task Notify_UpdateWithoutButtons_TheOpenQuestionFollowsWithItsButtons()
    {
        var (notifier, sender, turns) = CreateSut();

        Assert.True(await notifier.NotifyAsync("directline", "user-1", "您反映的问题（编号 20261205-0001）已被中心受理。", [], CancellationToken.None));

        Assert.Equal(2, sender.Sent.Count);
        Assert.Equal("您反映的问题（编号 20261205-0001）已被中心受理。", sender.Sent[0].Single().Text);
        var question = sender.Sent[1].Single();
        Assert.Equal("确认提交吗？", question.Text);
        Assert.Equal(["是", "否"], question.SuggestedActions!.Actions.Select(a => a.Title));
        var turn = Assert.Single(turns.Received);
        Assert.Equal((ActivityTypes.Event, DialogBot.RepromptEventName), (turn.Type, turn.Name));
        Assert.Equal(("directline", "conv-1", "user-1"), (turn.ChannelId, turn.Conversation!.Id, turn.From!.Id));
    }

    [Fact]
    public async Task Notify_UpdateWithItsOwnButtons_NothingAskedAgain()
    {
        var (notifier, sender, turns) = CreateSut();

        await notifier.NotifyAsync("directline", "user-1", "已办结", ["评价 20261205-0001"], CancellationToken.None);

        Assert.Single(sender.Sent);
        Assert.Empty(turns.Received);
    }

    [Fact]
    public async Task Notify_UpdateWithButtonsOnWeChat_ItsOptionsAreKeptWithTheConversationBeforeItGoes()
    {
        var (notifier, sender, turns) = CreateSut(new ConversationReference("wechat", "oCitizen", "oCitizen", "gh_center"));
        sender.Turns = turns;

        await notifier.NotifyAsync("wechat", "oCitizen", "已办结", ["评价 20261205-0001", "重办 20261205-0001"], CancellationToken.None);

        var kept = Assert.Single(turns.Received);
        Assert.Equal((ActivityTypes.Event, DialogBot.OptionsListedEventName), (kept.Type, kept.Name));
        Assert.Equal(("wechat", "oCitizen", "oCitizen"), (kept.ChannelId, kept.Conversation!.Id, kept.From!.Id));
        Assert.Equal(["评价 20261205-0001", "重办 20261205-0001"], kept.Value!.Value.EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(1, sender.TurnsBeforeFirstSend);
    }

    [Fact]
    public async Task Notify_HotlineInTheText_SentAsATelLink()
    {
        var (notifier, sender, _) = CreateSut();

        await notifier.NotifyAsync("directline", "user-1", "对方拒绝了调解邀请。可以拨打12348咨询。", [], CancellationToken.None);

        var message = sender.Sent[0].Single();
        Assert.Equal(TextFormats.Markdown, message.TextFormat);
        Assert.Contains("[12348](tel:12348)", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notify_UnknownCitizen_NotDeliveredAndNoTurnRun()
    {
        var (notifier, sender, turns) = CreateSut();

        Assert.False(await notifier.NotifyAsync("directline", "someone-else", "已受理", [], CancellationToken.None));

        Assert.Empty(sender.Sent);
        Assert.Empty(turns.Received);
    }

    private static (ProactiveCitizenNotifier Notifier, RecordingSender Sender, AskingAgainTurns Turns) CreateSut(ConversationReference? reference = null)
    {
        reference ??= Reference;
        var sender = new RecordingSender(reference.ChannelId);
        var turns = new AskingAgainTurns();
        var services = new ServiceCollection().AddSingleton<ITurnProcessor>(turns).BuildServiceProvider();
        var messenger = new ProactiveMessenger(new OneReference(reference), [sender], services, NullLogger<ProactiveMessenger>.Instance);
        return (new ProactiveCitizenNotifier(messenger), sender, turns);
    }

    private sealed class OneReference(ConversationReference reference) : IConversationReferenceStore
    {
        public Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<ConversationReference?> FindAsync(string channelId, string userId, CancellationToken cancellationToken) =>
            Task.FromResult(channelId == reference.ChannelId && userId == reference.UserId ? reference : null);

        public Task DeleteAsync(string channelId, string userId, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class RecordingSender(string channelId) : IChannelSender
    {
        public List<IReadOnlyList<Activity>> Sent { get; } = [];

        public AskingAgainTurns? Turns { get; set; }

        /// <summary>How many turns had run when the first message went.</summary>
        public int? TurnsBeforeFirstSend { get; private set; }

        public string ChannelId => channelId;

        public Task SendAsync(ConversationReference reference, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
        {
            TurnsBeforeFirstSend ??= Turns?.Received.Count;
            Sent.Add(activities);
            return Task.CompletedTask;
        }
    }

    /// <summary>The bot with 确认提交吗？ open: a reprompt turn asks it again.</summary>
    private sealed class AskingAgainTurns : ITurnProcessor
    {
        public List<Activity> Received { get; } = [];

        public Task<TurnOutcome> ProcessAsync(Activity activity, CancellationToken cancellationToken)
        {
            Received.Add(activity);
            var question = activity.CreateReply("确认提交吗？");
            question.SuggestedActions = new SuggestedActions { Actions = [CardAction.ImBack("是"), CardAction.ImBack("否")] };
            return Task.FromResult(new TurnOutcome([question], TurnStatus.Completed));
        }
    }
}
