using System.Text.Json.Nodes;
using CitizenBot.Bot.Tests.Center;
using CitizenBot.Bot.Tests.Hosting;
using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.Interruptions;
using CitizenBot.Dialogs.Report;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.Bot.Tests.Handoff;

/// <summary>
/// The web call-back through the real bot and Direct Line: 人工 in the middle of a report, a mobile number, and the center
/// receives a 求助 ticket whose description is the conversation so far with the numbers in it masked.
/// </summary>
public sealed class WebCallbackTests : IAsyncLifetime
{
    private const string Secret = "handoff-test-directline-secret-0123456789";
    private const string IdNumber = "110101199003078888";

    private FakeCenter _center = null!;
    private BotServer _bot = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _center = await FakeCenter.StartAsync();
        _bot = new BotServer(settings: new Dictionary<string, string?>
        {
            ["DirectLine:Secret"] = Secret,
            ["Center:BaseUrl"] = _center.BaseUrl,
            ["Center:Secret"] = TicketingTestHost.CenterSecret,
            ["Center:RetryBaseDelay"] = "00:00:00.200",
            ["Center:RetryMaxDelay"] = "00:00:01",
        });
        _http = _bot.CreateHttpClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _bot.DisposeAsync();
        await _center.DisposeAsync();
    }

    [Fact]
    public async Task Human_OnTheWebWithMobile_CenterGetsHelpTicketWithMaskedConversation()
    {
        var conversation = await DirectLineRestClient.StartAsync(_http, Secret);

        await conversation.SayAsync("事件上报", expect: "请选择要上报的问题类别");
        await conversation.SayAsync("人工", expect: "请留下您的手机号码");
        await conversation.SayAsync($"我的身份证是{IdNumber}", expect: "手机号");
        var receipt = await conversation.SayAsync("13912345678", expect: "工单编号：");

        Assert.Contains("12345热线", receipt, StringComparison.Ordinal);
        var number = receipt.Split("工单编号：")[1].Split('\n')[0].Trim();
        await Eventually.TrueAsync(() => Task.FromResult(_center.Accepted("/api/tickets").Any()), "the call-back ticket reaches the center");
        var ticket = JsonNode.Parse(_center.Accepted("/api/tickets").Single().Body)!;
        Assert.Equal(number, (string?)ticket["number"]);
        Assert.Equal("help", (string?)ticket["type"]);
        Assert.Equal("99-99", (string?)ticket["category"]?["code"]);
        Assert.Equal("13912345678", (string?)ticket["reporter"]?["phone"]);
        var description = (string)ticket["description"]!;
        Assert.StartsWith("【人工回电】", description, StringComparison.Ordinal);
        Assert.Contains("市民：事件上报", description, StringComparison.Ordinal);
        Assert.Contains("智能助手：请选择要上报的问题类别", description, StringComparison.Ordinal);
        Assert.Contains("市民：人工", description, StringComparison.Ordinal);
        Assert.Contains("市民：我的身份证是110*************88", description, StringComparison.Ordinal);
        Assert.Contains("市民：139****5678", description, StringComparison.Ordinal);
        Assert.DoesNotContain(IdNumber, description, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callback_AskedAgainWithTheSameSubmission_SameNumberAndOneTicketAtTheCenter()
    {
        var conversation = await DirectLineRestClient.StartAsync(_http, Secret);
        await conversation.SayAsync("事件上报", expect: "请选择要上报的问题类别");
        var handoff = _bot.Services.GetRequiredService<IHumanHandoff>();
        var reference = new ConversationReference("directline", conversation.ConversationId, DirectLineRestClient.UserId);
        var submissionId = ReportSubmission.NewSubmissionId();

        // The turn that asked for it ran again (the ticket was committed, the state not saved): the same submission id.
        var first = await handoff.RequestCallbackAsync(reference, "13912345678", submissionId, CancellationToken.None);
        await conversation.SayAsync("人工", expect: "请留下您的手机号码");
        var again = await handoff.RequestCallbackAsync(reference, "13912345678", submissionId, CancellationToken.None);

        Assert.Equal(first, again);
        await Eventually.TrueAsync(() => Task.FromResult(_center.Accepted("/api/tickets").Any()), "the call-back ticket reaches the center");
        await JobsIdle.WaitAsync(_bot.Services);
        var ticket = JsonNode.Parse(Assert.Single(_center.Accepted("/api/tickets")).Body)!;
        Assert.Equal(first, (string?)ticket["number"]);
    }

    [Fact]
    public async Task Cancel_AtTheMobileQuestionOnTheWeb_HotlineAndNoTicket()
    {
        var conversation = await DirectLineRestClient.StartAsync(_http, Secret);

        await conversation.SayAsync("人工", expect: "请留下您的手机号码");
        var answer = await conversation.SayAsync("取消", expect: "还有其他需要帮忙的吗");

        Assert.Contains("如需人工服务，请拨打12345热线", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("工单编号", answer, StringComparison.Ordinal);
        Assert.Empty(_center.Requests);
    }
}
