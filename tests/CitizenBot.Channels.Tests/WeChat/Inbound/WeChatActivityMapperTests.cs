using CitizenBot.Channels.Activities;
using CitizenBot.Channels.WeChat;
using CitizenBot.Channels.WeChat.Api;
using CitizenBot.Channels.WeChat.Inbound;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CitizenBot.Channels.Tests.WeChat.Inbound;

public sealed class WeChatActivityMapperTests
{
    private const string Head = "<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[oUser1]]></FromUserName><CreateTime>1714036504</CreateTime>";

    private readonly FakeMedia _media = new();

    private WeChatActivityMapper CreateSut() => new(
        _media,
        Options.Create(new WeChatOptions { Token = "t", AppId = "wx1", MenuKeys = { ["REPORT"] = "我要上报" } }),
        NullLogger<WeChatActivityMapper>.Instance);

    private Task<InboundMapping> MapAsync(string body) => CreateSut().MapAsync(WeChatInboundMessage.Parse(Head + body + "</xml>"), CancellationToken.None);

    [Fact]
    public async Task MapAsync_Image_DownloadsByMediaIdIntoAPhotoAttachment()
    {
        _media.Files["MEDIA1"] = new WeChatMedia([1, 2, 3], "image/jpeg");

        var mapping = await MapAsync("<MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[http://169.254.169.254/]]></PicUrl><MediaId><![CDATA[MEDIA1]]></MediaId><MsgId>1</MsgId>");

        var attachment = Assert.Single(mapping.Activity!.Attachments!);
        Assert.True(attachment.IsImage);
        Assert.Equal("data:image/jpeg;base64,AQID", attachment.ContentUrl);
        Assert.Equal(QuotaGrant.UserMessage, mapping.Grant);
    }

    [Fact]
    public async Task MapAsync_ImageExpired_AsksToSendAgain()
    {
        var mapping = await MapAsync("<MsgType><![CDATA[image]]></MsgType><MediaId><![CDATA[GONE]]></MediaId><MsgId>1</MsgId>");

        Assert.Null(mapping.Activity);
        Assert.Equal(WeChatTexts.PhotoNotReceived, mapping.DirectReply);
    }

    [Fact]
    public async Task MapAsync_VoiceWithRecognition_BecomesText()
    {
        var mapping = await MapAsync("<MsgType><![CDATA[voice]]></MsgType><MediaId>m</MediaId><Format>amr</Format><Recognition><![CDATA[路灯坏了]]></Recognition><MsgId>1</MsgId>");

        Assert.Equal("路灯坏了", mapping.Activity!.Text);
    }

    [Fact]
    public async Task MapAsync_VoiceWithoutRecognition_AsksToType()
    {
        var mapping = await MapAsync("<MsgType><![CDATA[voice]]></MsgType><MediaId>m</MediaId><Format>amr</Format><Recognition><![CDATA[]]></Recognition><MsgId>1</MsgId>");

        Assert.Equal(WeChatTexts.VoiceNotRecognised, mapping.DirectReply);
    }

    [Fact]
    public async Task MapAsync_Location_IsAGcj02Point()
    {
        var mapping = await MapAsync("<MsgType><![CDATA[location]]></MsgType><Location_X>23.134521</Location_X><Location_Y>113.358803</Location_Y><Scale>20</Scale><Label><![CDATA[广州市天河区]]></Label><MsgId>1</MsgId>");

        var point = mapping.Activity!.GetGeoCoordinates()!;
        Assert.Equal(23.134521, point.Latitude);
        Assert.Equal(113.358803, point.Longitude);
        Assert.Equal(CoordinateSystems.Gcj02, point.Crs);
        Assert.Equal("广州市天河区", point.Name);
    }

    [Fact]
    public async Task MapAsync_Link_CarriesTitleAndUrl()
    {
        var mapping = await MapAsync("<MsgType><![CDATA[link]]></MsgType><Title><![CDATA[通知]]></Title><Description><![CDATA[d]]></Description><Url><![CDATA[https://example.org/a]]></Url><MsgId>1</MsgId>");

        Assert.Equal("通知\nd\nhttps://example.org/a", mapping.Activity!.Text);
    }

    [Fact]
    public async Task MapAsync_SubscribeFromQrCode_AddsMemberWithScene()
    {
        var mapping = await MapAsync("<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event><EventKey><![CDATA[qrscene_grid-0412]]></EventKey><Ticket>t</Ticket>");

        Assert.Equal(ActivityTypes.ConversationUpdate, mapping.Activity!.Type);
        Assert.Equal("oUser1", Assert.Single(mapping.Activity.MembersAdded!).Id);
        Assert.Equal("grid-0412", mapping.Activity.Value!.Value.GetProperty("scene").GetString());
        Assert.Equal(QuotaGrant.MenuFollowOrScan, mapping.Grant);
    }

    [Fact]
    public async Task MapAsync_Unsubscribe_RemovesMember()
    {
        var mapping = await MapAsync("<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[unsubscribe]]></Event><EventKey><![CDATA[]]></EventKey>");

        Assert.Equal("oUser1", Assert.Single(mapping.Activity!.MembersRemoved!).Id);
    }

    [Fact]
    public async Task MapAsync_Scan_IsAnEventWithTheSceneWithoutPrefix()
    {
        var mapping = await MapAsync("<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[SCAN]]></Event><EventKey><![CDATA[grid-0412]]></EventKey><Ticket>t</Ticket>");

        Assert.Equal("scan", mapping.Activity!.Name);
        Assert.Equal("grid-0412", mapping.Activity.Value!.Value.GetProperty("scene").GetString());
    }

    [Fact]
    public async Task MapAsync_LocationEvent_IsALocationEventWithGcj02Point()
    {
        var mapping = await MapAsync("<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[LOCATION]]></Event><Latitude>23.137466</Latitude><Longitude>113.352425</Longitude><Precision>119.385040</Precision>");

        Assert.Equal("location", mapping.Activity!.Name);
        Assert.Equal(CoordinateSystems.Gcj02, mapping.Activity.GetGeoCoordinates()!.Crs);
        Assert.Equal(QuotaGrant.None, mapping.Grant);
    }

    [Fact]
    public async Task MapAsync_ClickWithConfiguredKey_BecomesItsIntentText()
    {
        var mapping = await MapAsync("<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[CLICK]]></Event><EventKey><![CDATA[REPORT]]></EventKey>");

        Assert.Equal("我要上报", mapping.Activity!.Text);
        Assert.Equal("REPORT", mapping.Activity.Value!.Value.GetProperty("menuKey").GetString());
    }

    [Fact]
    public async Task MapAsync_ClickWithUnknownKey_CarriesTheKeyAsValue()
    {
        var mapping = await MapAsync("<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[CLICK]]></Event><EventKey><![CDATA[NEW_KEY]]></EventKey>");

        Assert.Null(mapping.Activity!.Text);
        Assert.Equal("NEW_KEY", mapping.Activity.Value!.Value.GetProperty("menuKey").GetString());
    }

    [Fact]
    public async Task MapAsync_View_IsAnEventWithTheUrl()
    {
        var mapping = await MapAsync("<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[VIEW]]></Event><EventKey><![CDATA[https://example.org/]]></EventKey><MenuId>1</MenuId>");

        Assert.Equal("menuView", mapping.Activity!.Name);
        Assert.Equal("https://example.org/", mapping.Activity.Value!.Value.GetProperty("url").GetString());
    }

    [Fact]
    public async Task MapAsync_TemplateJobFinished_NeedsNoTurn()
    {
        var mapping = await MapAsync("<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event><MsgID>200163836</MsgID><Status><![CDATA[success]]></Status>");

        Assert.Null(mapping.Activity);
        Assert.Null(mapping.DirectReply);
    }

    [Fact]
    public void DedupKey_EventsAtTheSameSecond_DifferByEventAndKey()
    {
        var click = WeChatInboundMessage.Parse(Head + "<MsgType>event</MsgType><Event>CLICK</Event><EventKey>A</EventKey></xml>");
        var other = WeChatInboundMessage.Parse(Head + "<MsgType>event</MsgType><Event>CLICK</Event><EventKey>B</EventKey></xml>");

        Assert.NotEqual(click.DedupKey, other.DedupKey);
    }

    private sealed class FakeMedia : IWeChatMediaDownloader
    {
        public Dictionary<string, WeChatMedia> Files { get; } = [];

        public Task<WeChatMedia> DownloadAsync(string mediaId, CancellationToken cancellationToken) =>
            Files.TryGetValue(mediaId, out var media)
                ? Task.FromResult(media)
                : throw new WeChatApiException(40007, "invalid media_id", "media/get");
    }
}
