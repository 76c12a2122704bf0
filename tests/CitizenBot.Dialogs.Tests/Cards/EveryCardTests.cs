using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using CitizenBot.Dialogs.Cards;
using CitizenBot.Dialogs.LegalAid;
using CitizenBot.Dialogs.Mediation;
using CitizenBot.Dialogs.Report;
using CitizenBot.Dialogs.Status;
using CitizenBot.Testing.Node;

namespace CitizenBot.Dialogs.Tests.Cards;

/// <summary>
/// Every card the bot can send, in each of its shapes, parsed by Microsoft's Adaptive Cards renderer (the npm package
/// Web Chat renders with): no parse or validation problem, and nothing of the card dropped as unknown or invalid.
/// </summary>
public sealed class EveryCardTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 1, 0, 0, TimeSpan.Zero);

    internal static IReadOnlyList<(string Name, CardReply Reply)> EveryCard()
    {
        var booking = new MediationBooking(
            "b1", "TJ20261127-0001", BookingStatus.Invited, "body", "城关镇劳动争议调解委员会", "王调解员", "labor", "劳动争议",
            Monday, Monday.AddHours(1),
            "https://bot.example/mediation/b1/join?k=a&exp=1&sig=abc", "https://bot.example/mediation/b1/calendar.ics?k=a",
            "https://bot.example/mediation/b1/qr.png?k=a", "https://bot.example/mediation/b1/invite?k=b", InvitationSent: false, Monday.AddDays(-1));
        var history = new List<TicketEvent>
        {
            new(Monday, TicketStatus.Submitted, null),
            new(Monday.AddHours(1), TicketStatus.Accepted, null),
            new(Monday.AddHours(2), TicketStatus.Dispatched, "城关镇市政所"),
            new(Monday.AddHours(5), TicketStatus.Resolved, "井盖已更换，可拨打12345回访"),
        };
        var advice = new LegalAdvice(
            "用人单位拖欠工资的，可以先协商，协商不成可以申请劳动仲裁。",
            [new LegalAdviceCitation("中华人民共和国劳动合同法", "第三十条", "用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。"),
             new LegalAdviceCitation("中华人民共和国劳动争议调解仲裁法", "第二十七条", "劳动争议申请仲裁的时效期间为一年。")],
            ["拨打12333劳动保障热线投诉", "申请法律援助"],
            "以上内容仅供参考，不构成律师意见。",
            Found: true);
        return
        [
            ("receipt with photo and answer time", new TicketReceiptView("20261130-0001", "公共设施损坏", "城关镇人民路25号（城关镇人民路社区 第3网格）", "https://bot.example/photos/p1.thumb.jpg?exp=1&sig=x", Supplement: false, "上报成功！") { DueLine = "预计12月5日18:00前答复" }.ToReply()),
            ("receipt without photo or place", new TicketReceiptView("20261130-0002", "市容环境", null, null, Supplement: false, "上报成功！").ToReply()),
            ("supplement receipt", new TicketReceiptView("20261130-0001", "公共设施损坏", "城关镇人民路25号", null, Supplement: true, "已补充到已有工单。").ToReply()),
            ("status update", new TicketTimelineView("工单20261130-0001有新进展", [new Fact("工单编号", "20261130-0001"), new Fact("状态", "已办结")], history, "已办结").ToReply()),
            ("status update without history", new TicketTimelineView("工单20261130-0001有新进展", [new Fact("状态", "已受理")], [], "已受理").ToReply()),
            ("open ticket with answer time", new TicketTimelineView("20261130-0001 公共设施损坏", [new Fact("状态", "处置中"), new Fact("答复时限", "预计12月5日18:00前答复（已超时，可以催办）")], history.Take(3).ToList(), "处置中") { Lines = ["处理说明：已派至城关镇市政所"] }.ToReply()),
            ("booking to forward", new BookingView(booking, "调解预约成功", "预约成功！").ToReply()),
            ("booking sent", new BookingView(booking with { InvitationSent = true, Status = BookingStatus.Confirmed }, "劳动争议", "预约").ToReply()),
            ("legal answer", new LegalAnswerView(advice, "用人单位拖欠工资的……").ToReply()),
            ("legal answer without articles", new LegalAnswerView(advice with { Citations = [], NextSteps = [] }, "……").ToReply()),
            ("my tickets", new ChoiceList(
            [
                new ChoiceListItem("20261125-0011 市容环境", "预计11月30日08:10前答复，11月26日 14:00更新", "处置中", TicketTimelineView.BadgeColor(TicketStatus.InProgress)),
                new ChoiceListItem("20261124-0002 机动车乱停放/僵尸车", "11月25日 09:00更新", "已撤回", TicketTimelineView.BadgeColor(TicketStatus.Withdrawn)),
                new ChoiceListItem("20261118-0007 市容环境", "11月22日 09:00更新", "部分解决", TicketTimelineView.BadgeColor(TicketStatus.PartiallyResolved)),
                new ChoiceListItem("20261120-0003 公共设施损坏", "11月23日 16:30更新", "已办结", TicketTimelineView.BadgeColor(TicketStatus.Resolved)),
            ]).ToReply("您最近的2个工单如下，回复序号查看处理过程：")),
        ];
    }

    [Fact]
    public async Task EveryCard_ParsedByTheAdaptiveCardsRenderer_NoProblemAndNothingDropped()
    {
        var folder = CheckerFolder();
        await NodeTool.EnsureInstalledAsync(folder, "adaptivecards");
        var input = new JsonArray([.. EveryCard().Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["card"] = c.Reply.Card.ToJson() })]);

        var (exitCode, output, errors) = await NodeTool.RunAsync("node", folder, ["check.js"], TimeSpan.FromMinutes(1), input.ToJsonString());

        Assert.True(exitCode == 0, output + "\n" + errors);
        Assert.Contains($"checked {EveryCard().Count} cards, 0 with problems", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checker_CardWithAnUnknownElementOrValue_Refused()
    {
        var folder = CheckerFolder();
        await NodeTool.EnsureInstalledAsync(folder, "adaptivecards");
        var card = EveryCard()[0].Reply.Card.ToJson();
        card["body"]!.AsArray().Add(new JsonObject { ["type"] = "Carousel2" });
        card["lang"] = "zh-CN";
        var input = new JsonArray(new JsonObject { ["name"] = "bad", ["card"] = card });

        var (exitCode, output, _) = await NodeTool.RunAsync("node", folder, ["check.js"], TimeSpan.FromMinutes(1), input.ToJsonString());

        Assert.Equal(1, exitCode);
        Assert.Contains("Carousel2", output, StringComparison.Ordinal);
        Assert.Contains("lang", output, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryCard_HasItsTextFallbackAndSpeaksIt()
    {
        foreach (var (name, reply) in EveryCard())
        {
            var activity = reply.ToActivity();
            var attachment = Assert.Single(activity.Attachments!);
            Assert.Equal(AdaptiveCard.ContentType, attachment.ContentType);
            var content = attachment.Content!.Value;
            Assert.False(string.IsNullOrWhiteSpace(activity.Text), name);
            Assert.Equal(reply.Text, content.GetProperty("fallbackText").GetString());
            Assert.Equal(reply.Text, content.GetProperty("speak").GetString());
        }
    }

    [Fact]
    public void BookingCard_QrCodeIsAnImageAndTheThreeLinksAreButtons()
    {
        var booking = EveryCard().Single(c => c.Name == "booking to forward").Reply.Card.ToJson().ToJsonString();
        using var json = JsonDocument.Parse(booking);

        var images = Descendants(json.RootElement).Where(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("type", out var t) && t.GetString() == "Image").ToList();
        Assert.Contains(images, i => i.GetProperty("url").GetString()!.Contains("/qr.png", StringComparison.Ordinal));
        var buttons = json.RootElement.GetProperty("actions").EnumerateArray()
            .Select(a => (a.GetProperty("type").GetString(), a.GetProperty("title").GetString(), a.GetProperty("url").GetString()!)).ToList();
        Assert.Equal(["转发邀请", "进入视频调解", "加入日历"], buttons.Select(b => b.Item2));
        Assert.All(buttons, b => Assert.Equal("Action.OpenUrl", b.Item1));
        Assert.Contains("/invite", buttons[0].Item3, StringComparison.Ordinal);
        Assert.Contains("/join", buttons[1].Item3, StringComparison.Ordinal);
        Assert.Contains("calendar.ics", buttons[2].Item3, StringComparison.Ordinal);
    }

    [Fact]
    public void LegalAnswerCard_AnswerFirstThenEachArticleExpandable()
    {
        using var json = JsonDocument.Parse(EveryCard().Single(c => c.Name == "legal answer").Reply.Card.ToJson().ToJsonString());
        var body = json.RootElement.GetProperty("body").EnumerateArray().ToList();

        Assert.StartsWith("用人单位拖欠工资的", body[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        var toggles = body.Where(e => e.GetProperty("type").GetString() == "ActionSet")
            .Select(e => e.GetProperty("actions")[0]).ToList();
        Assert.Equal(["《中华人民共和国劳动合同法》第三十条", "《中华人民共和国劳动争议调解仲裁法》第二十七条"], toggles.Select(t => t.GetProperty("title").GetString()));
        foreach (var toggle in toggles)
        {
            var target = toggle.GetProperty("targetElements")[0].GetString();
            var quote = body.Single(e => e.TryGetProperty("id", out var id) && id.GetString() == target);
            Assert.False(quote.GetProperty("isVisible").GetBoolean());
        }
    }

    [Fact]
    public void StatusUpdateCard_HotlineInANoteIsATelLink()
    {
        var card = EveryCard().Single(c => c.Name == "status update").Reply.Card.ToJson().ToJsonString();

        Assert.Contains("[12345](tel:12345)", card, StringComparison.Ordinal);
    }

    private static IEnumerable<JsonElement> Descendants(JsonElement element)
    {
        yield return element;
        var children = element.ValueKind switch
        {
            JsonValueKind.Object => element.EnumerateObject().Select(p => p.Value),
            JsonValueKind.Array => element.EnumerateArray(),
            _ => [],
        };
        foreach (var child in children.ToList())
        {
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }

    private static string CheckerFolder([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "AdaptiveCardsJs"));
}
