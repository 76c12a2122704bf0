using CitizenBot.Channels.Activities;

namespace CitizenBot.Channels.Tests.ActivitySchema;

/// <summary>
/// Every outgoing activity is addressed by <see cref="Activity.AddressReply"/>: a reply in a turn, one addressed along a
/// saved conversation reference (proactive messages), and whatever a reply claimed about where it goes.
/// </summary>
public sealed class ReplyAddressingTests
{
    private static Activity Inbound() => new()
    {
        Type = ActivityTypes.Message,
        Id = "msg-7",
        ChannelId = "wechat",
        ServiceUrl = "https://bot.example/",
        Conversation = new ConversationAccount("oCitizen"),
        From = new ChannelAccount("oCitizen", role: RoleTypes.User),
        Recipient = new ChannelAccount("gh_center", "综治中心", RoleTypes.Bot),
        Locale = "zh-CN",
        Text = "进度查询",
    };

    [Fact]
    public void CreateReply_GoesBackAlongTheConversationFromTheBotToTheCitizen()
    {
        var reply = Inbound().CreateReply("您最近的1个工单如下");

        Assert.Equal(ActivityTypes.Message, reply.Type);
        Assert.Equal("您最近的1个工单如下", reply.Text);
        Assert.Equal(("wechat", "oCitizen", "msg-7"), (reply.ChannelId, reply.Conversation!.Id, reply.ReplyToId));
        Assert.Equal(("gh_center", RoleTypes.Bot), (reply.From!.Id, reply.From.Role));
        Assert.Equal(("oCitizen", RoleTypes.User), (reply.Recipient!.Id, reply.Recipient.Role));
        Assert.Equal(("https://bot.example/", "zh-CN"), (reply.ServiceUrl, reply.Locale));
    }

    [Fact]
    public void AddressReply_ReplyClaimingAnotherConversationOrCitizen_GoesToTheOneThatWrote()
    {
        var reply = new Activity
        {
            Text = "工单号 GD-20261127-0001",
            ChannelId = "directline",
            Conversation = new ConversationAccount("someone-elses"),
            Recipient = new ChannelAccount("oSomeoneElse", role: RoleTypes.User),
            ReplyToId = "msg-1",
        };

        Inbound().AddressReply(reply);

        Assert.Equal(("wechat", "oCitizen", "oCitizen", "msg-7"), (reply.ChannelId, reply.Conversation!.Id, reply.Recipient!.Id, reply.ReplyToId));
    }

    [Fact]
    public void AddressReply_EventWithoutSenderOrType_IsAMessageFromTheBotInTheCitizensLanguage()
    {
        var typeless = new Activity { Text = "好的" };
        var inbound = Inbound();
        inbound.Recipient = null;
        inbound.Locale = "zh-TW";

        inbound.AddressReply(typeless);

        Assert.Equal(ActivityTypes.Message, typeless.Type);
        Assert.Equal(RoleTypes.Bot, typeless.From!.Role);
        Assert.False(string.IsNullOrEmpty(typeless.From.Id));
        Assert.Equal("zh-TW", typeless.Locale);
    }

    [Fact]
    public void AddressReply_SenderAndLanguageTheReplyChose_AreKept()
    {
        var reply = new Activity { From = new ChannelAccount("mediator-bot", "调解助手"), Locale = "en-US", ServiceUrl = "https://other.example/" };

        Inbound().AddressReply(reply);

        Assert.Equal(("mediator-bot", "调解助手", RoleTypes.Bot), (reply.From!.Id, reply.From.Name, reply.From.Role));
        Assert.Equal(("en-US", "https://other.example/"), (reply.Locale, reply.ServiceUrl));
    }

    [Fact]
    public void ReferenceAddress_ProactiveMessage_AddressedAsAReplyToTheCitizensConversation()
    {
        var reference = ConversationReference.FromActivity(Inbound())!;
        var update = Activity.CreateMessage("您反映的问题已办结");
        update.Conversation = new ConversationAccount("stale");
        update.ReplyToId = "msg-from-last-week";

        reference.Address(update);

        var asReply = Inbound().CreateReply("您反映的问题已办结");
        Assert.Equal(
            (asReply.ChannelId, asReply.Conversation!.Id, asReply.From!.Id, asReply.From.Role, asReply.Recipient!.Id, asReply.ServiceUrl, asReply.Locale),
            (update.ChannelId, update.Conversation!.Id, update.From!.Id, update.From.Role, update.Recipient!.Id, update.ServiceUrl, update.Locale));
        Assert.Null(update.ReplyToId);
    }

    [Fact]
    public void ReferenceToInbound_IsFromTheCitizenToTheBot()
    {
        var reference = new ConversationReference("directline", "conv-1", "dl_user", BotId: null, Locale: "zh-CN");

        var turn = reference.ToInbound(ActivityTypes.Event);

        Assert.Equal((ActivityTypes.Event, "directline", "conv-1"), (turn.Type, turn.ChannelId, turn.Conversation!.Id));
        Assert.Equal(("dl_user", RoleTypes.User), (turn.From!.Id, turn.From.Role));
        Assert.Equal(RoleTypes.Bot, turn.Recipient!.Role);
        Assert.Equal("zh-CN", turn.Locale);
    }
}
