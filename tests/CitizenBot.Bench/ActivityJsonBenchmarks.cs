using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CitizenBot.Channels.Activities;

namespace CitizenBot.Bench;

/// <summary>Activity JSON both ways, as every channel does per message: a citizen's location message in, a reply with choices out.</summary>
[MemoryDiagnoser]
public class ActivityJsonBenchmarks
{
    private readonly byte[] _inbound = """
        {"type":"message","id":"7","channelId":"api","serviceUrl":"http://127.0.0.1/load","locale":"zh-CN","deliveryMode":"expectReplies",
         "from":{"id":"u-1","role":"user"},"recipient":{"id":"bot"},"conversation":{"id":"c-1"},
         "entities":[{"type":"GeoCoordinates","latitude":30.003,"longitude":120.005,"crs":"WGS-84"}]}
        """u8.ToArray();

    private ExpectedReplies _replies = null!;

    [GlobalSetup]
    public void Setup()
    {
        var reply = Activity.CreateMessage("请选择要上报的问题类别：");
        reply.Conversation = new ConversationAccount { Id = "c-1" };
        reply.From = new ChannelAccount("citizenbot", "CitizenBot", RoleTypes.Bot);
        reply.Recipient = new ChannelAccount("u-1", null, RoleTypes.User);
        reply.SuggestedActions = new SuggestedActions
        {
            Actions = [.. new[] { "消防/安全隐患", "私搭乱建/违法建设", "市容环境", "公共设施损坏", "其他" }.Select(t => CardAction.ImBack(t))],
        };
        _replies = new ExpectedReplies { Activities = [reply] };
    }

    [Benchmark]
    public GeoCoordinates? ReadInboundLocation() =>
        JsonSerializer.Deserialize(_inbound, ActivityJson.Context.Activity)!.GetGeoCoordinates();

    [Benchmark]
    public int WriteReplyWithChoices() => JsonSerializer.SerializeToUtf8Bytes(_replies, ActivityJson.Context.ExpectedReplies).Length;
}
