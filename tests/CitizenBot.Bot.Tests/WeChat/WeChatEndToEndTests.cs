using System.Xml.Linq;
using CitizenBot.Bot.Ticketing.Center.Simulator;
using CitizenBot.Bot.Data;
using CitizenBot.Bot.Tests.Center;
using CitizenBot.Bot.Tests.Hosting;
using CitizenBot.Bot.Tests.TestData;
using CitizenBot.Testing.WeChat;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.Bot.Tests.WeChat;

/// <summary>
/// The WeChat server played against the running bot in safe mode, with WeChat's API faked on loopback: a citizen
/// follows, reports a hazard with a photo and a location message, gets the ticket number, and hears back from the
/// (simulated) center through the customer-service API; urges the ticket and, not satisfied, has it handled again.
/// </summary>
[Trait("Category", "Integration")]
public sealed class WeChatEndToEndTests : IAsyncLifetime
{
    private FakeWeChatApi _api = null!;
    private BotServer _server = null!;
    private WeChatCitizen _citizen = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeWeChatApi.StartAsync();
        _server = StartBot();
        _citizen = new WeChatCitizen(_server.CreateHttpClient(), TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task Follower_ReportsWithPhotoAndLocation_GetsTicketNumberAndCenterUpdates()
    {
        Assert.Contains("您好", await _citizen.SendAsync(_citizen.Subscribe()), StringComparison.Ordinal);
        _api.Media["photo-1"] = (TestImages.Jpeg(320, 240), "image/jpeg");

        var receipt = await ReportAsync(_citizen.Image("photo-1"));

        // The receipt with its photo comes as 图文消息 (news): the number in its title, the photo as its picture.
        var ticket = await FindTicketAsync();
        var article = System.Xml.Linq.XElement.Parse(receipt);
        Assert.Equal("news", article.Element("MsgType")!.Value);
        var item = article.Element("Articles")!.Element("item")!;
        Assert.Contains(ticket.Number, item.Element("Title")!.Value, StringComparison.Ordinal);
        Assert.Contains("/photos/", item.Element("PicUrl")!.Value, StringComparison.Ordinal);
        Assert.Equal("wechat", ticket.ChannelId);
        Assert.Single(ticket.Photos);
        Assert.Equal("GCJ-02", ticket.Crs);
        Assert.NotNull(ticket.GridId);

        // The simulated center walks the ticket on; each step reaches the citizen by customer-service message.
        var messages = await _api.WaitForCustomMessagesAsync(3);
        var texts = string.Join("\n", messages.Select(m => (string?)m["text"]?["content"]));
        Assert.Contains("工单编号：" + ticket.Number, texts, StringComparison.Ordinal);
        Assert.Contains("受理", texts, StringComparison.Ordinal);
        Assert.All(messages, m => Assert.Equal(_citizen.OpenId, (string?)m["touser"]));
    }

    [Fact]
    public async Task Follower_UrgesThenSaysNotSolved_TicketReopenedResolvedAgainAndRated()
    {
        await _server.DisposeAsync();
        _server = StartBot(new() { ["Center:SimulatorStepDelay"] = "00:00:03" });
        _citizen = new WeChatCitizen(_server.CreateHttpClient(), TimeProvider.System);
        await _citizen.SendAsync(_citizen.Subscribe());

        var receipt = await ReportAsync(_citizen.Text("事件上报"));
        Assert.Contains("前答复", receipt, StringComparison.Ordinal);
        var number = (await FindTicketAsync()).Number;

        // 催办 at once: too early; once half the answer time has passed: accepted, and the center's answer follows.
        Assert.Contains("过半以后才能催办", await _citizen.SendAsync(_citizen.Text($"催一下{number}")), StringComparison.Ordinal);
        await BackdateTicketAsync(TimeSpan.FromDays(3));
        Assert.Contains($"已为工单{number}催办", await _citizen.SendAsync(_citizen.Text($"催一下{number}")), StringComparison.Ordinal);
        await WaitForCustomTextAsync("已收到催办", 1);
        await WaitForCustomTextAsync($"（编号 {number}）已办结", 1);

        // 没解决: the reason goes to the center, which handles it again; the second 办结 is rated.
        Assert.Contains("哪里还没解决", await _citizen.SendAsync(_citizen.Text($"{number} 没解决")), StringComparison.Ordinal);
        Assert.Contains("现场照片", await _citizen.SendAsync(_citizen.Text("只清走了一半，还是过不去")), StringComparison.Ordinal);
        Assert.Contains($"已为工单{number}申请重办", await _citizen.SendAsync(_citizen.Text("跳过")), StringComparison.Ordinal);
        await WaitForCustomTextAsync($"（编号 {number}）已重新交办", 1);
        await WaitForCustomTextAsync($"（编号 {number}）已办结", 2);
        Assert.Contains("请评价工单", await _citizen.SendAsync(_citizen.Text($"评价 {number}")), StringComparison.Ordinal);
        Assert.Contains("解决了吗", await _citizen.SendAsync(_citizen.Text("满意")), StringComparison.Ordinal);
        Assert.Contains("想对我们说", await _citizen.SendAsync(_citizen.Text("是")), StringComparison.Ordinal);
        Assert.Contains("感谢您的评价", await _citizen.SendAsync(_citizen.Text("跳过")), StringComparison.Ordinal);

        var center = _server.Services.GetRequiredService<SimulatedCenterState>();
        Assert.Single(center.Reminders.Values);
        Assert.Equal("只清走了一半，还是过不去", Assert.Single(center.Reopens.Values).Reason);
        await Eventually.TrueAsync(() => Task.FromResult(center.Feedback.Values.Any(f => f.Round == 2)), "second rating at the center");
    }

    [Fact]
    public async Task CenterUpdate_OutsideTheCustomerServiceWindow_ArrivesAsTemplateMessage()
    {
        await _server.DisposeAsync();
        _server = StartBot(new() { ["WeChat:Templates:Notification"] = "tmpl-ticket-update" });
        _citizen = new WeChatCitizen(_server.CreateHttpClient(), TimeProvider.System);
        _api.SendErrorCode = 45015; // the citizen's last message is more than 48 hours old

        await ReportAsync(_citizen.Text("事件上报"));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!_api.Calls.Any(c => c.Path == "/cgi-bin/message/template/send"))
        {
            await Task.Delay(50, timeout.Token);
        }

        var template = _api.Calls.First(c => c.Path == "/cgi-bin/message/template/send").Body;
        Assert.Equal("tmpl-ticket-update", (string?)template["template_id"]);
        Assert.Equal(_citizen.OpenId, (string?)template["touser"]);
        Assert.False(string.IsNullOrEmpty((string?)template["data"]?["thing1"]?["value"]));
    }

    [Fact]
    public async Task SameMessage_DeliveredThreeTimes_RunsOneTurn()
    {
        await _citizen.SendAsync(_citizen.Subscribe());
        var request = _citizen.Prepare(_citizen.Text("事件上报"));

        var answers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await _citizen.SendPreparedAsync(request));
        }

        Assert.Contains("类别", answers[0], StringComparison.Ordinal);
        Assert.All(answers.Skip(1), a => Assert.True(a == answers[0] || a == "success", $"a redelivery ran again: {a}"));

        // Had the redeliveries run, "事件上报" would have been taken as the answer to the category question.
        Assert.Contains("类别", await _citizen.SendAsync(_citizen.Text("帮助")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlowTurn_AnsweredSuccessThenSentByCustomerService()
    {
        await _server.DisposeAsync();
        _server = StartBot(new() { ["WeChat:ReplyBudget"] = "00:00:00" });
        var citizen = new WeChatCitizen(_server.CreateHttpClient(), TimeProvider.System);

        var answer = await citizen.SendAsync(citizen.Text("帮助"));

        Assert.Equal("success", answer);
        var message = Assert.Single(await _api.WaitForCustomMessagesAsync(1));
        Assert.Contains("“取消”结束办理", (string?)message["text"]?["content"], StringComparison.Ordinal);
        Assert.Contains(_api.Calls, c => c.Path == "/cgi-bin/message/custom/typing" && (string?)c.Body["command"] == "Typing");
    }

    [Fact]
    public async Task Human_InsideAReport_PassiveReplyTransfersAndTheTextArrivesByCustomerService()
    {
        await _citizen.SendAsync(_citizen.Subscribe());
        Assert.Contains("类别", await _citizen.SendAsync(_citizen.Text("事件上报")), StringComparison.Ordinal);

        var passive = XElement.Parse(await _citizen.SendAsync(_citizen.Text("人工")));

        Assert.Equal("transfer_customer_service", passive.Element("MsgType")?.Value);
        Assert.Equal(_citizen.OpenId, passive.Element("ToUserName")?.Value);
        var message = Assert.Single(await _api.WaitForCustomMessagesAsync(1));
        Assert.Equal(_citizen.OpenId, (string?)message["touser"]);
        Assert.Equal("已为您转接人工客服，请稍候，工作人员会尽快回复您。", (string?)message["text"]?["content"]);
    }

    [Fact]
    public async Task Human_TurnPastTheReplyBudget_AsksToSendHumanAgainInsteadOfClaimingATransfer()
    {
        await _server.DisposeAsync();
        _server = StartBot(new() { ["WeChat:ReplyBudget"] = "00:00:00" });
        var citizen = new WeChatCitizen(_server.CreateHttpClient(), TimeProvider.System);

        var answer = await citizen.SendAsync(citizen.Text("人工"));

        Assert.Equal("success", answer);
        var message = Assert.Single(await _api.WaitForCustomMessagesAsync(1));
        Assert.Equal("抱歉，这次没能为您接通人工客服，请再发送“人工”试一次。", (string?)message["text"]?["content"]);
    }

    /// <summary>Answers whatever the report flow asks, as a hurried resident would, until the receipt arrives.</summary>
    private async Task<string> ReportAsync(string firstMessage)
    {
        var reply = await _citizen.SendAsync(firstMessage);
        for (var turn = 0; turn < 12 && !reply.Contains("工单编号：", StringComparison.Ordinal) && !reply.Contains("上报成功", StringComparison.Ordinal); turn++)
        {
            var next = reply switch
            {
                _ when reply.Contains("类别", StringComparison.Ordinal) => _citizen.Text("1"),
                _ when reply.Contains("照片", StringComparison.Ordinal) => _citizen.Text("跳过"),
                _ when reply.Contains("已收到", StringComparison.Ordinal) => _citizen.Text("好了"),
                _ when reply.Contains("在哪里", StringComparison.Ordinal) => _citizen.Location(30.0055, 120.0095, "示例街道青松社区3号楼"),
                _ when reply.Contains("描述", StringComparison.Ordinal) => _citizen.Text("消防通道被电动车堵了"),
                _ when reply.Contains("联系方式", StringComparison.Ordinal) => _citizen.Text("匿名上报"),
                _ when reply.Contains("确认提交", StringComparison.Ordinal) => _citizen.Text("是"),
                _ => throw new InvalidOperationException($"The report flow asked something unexpected: {reply}"),
            };
            reply = await _citizen.SendAsync(next);
        }

        return reply;
    }

    /// <summary>Waits until <paramref name="count"/> customer-service messages contain <paramref name="text"/>.</summary>
    private async Task WaitForCustomTextAsync(string text, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (_api.CustomMessages.Count(m => ((string?)m["text"]?["content"])?.Contains(text, StringComparison.Ordinal) == true) < count)
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    /// <summary>The citizen's ticket as if filed <paramref name="ago"/> earlier: its answer time moves with it.</summary>
    private async Task BackdateTicketAsync(TimeSpan ago)
    {
        await using var scope = _server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CitizenBotDbContext>();
        var ticket = await db.Tickets.SingleAsync(t => t.ReporterUserId == _citizen.OpenId);
        ticket.CreatedAt -= ago;
        ticket.DueAt -= ago;
        await db.SaveChangesAsync();
    }

    private async Task<TicketRecord> FindTicketAsync()
    {
        await using var scope = _server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CitizenBotDbContext>();
        return await db.Tickets.Include(t => t.Photos).SingleAsync(t => t.ReporterUserId == _citizen.OpenId);
    }

    private BotServer StartBot(Dictionary<string, string?>? extra = null)
    {
        var settings = WeChatCitizen.Settings(_api.BaseUrl);
        settings["Center:SimulatorStepDelay"] = "00:00:00.300";
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return new BotServer(settings: settings);
    }
}
