using System.Xml.Linq;
using CitizenBot.Channels.WeChat.Xml;

namespace CitizenBot.Channels.Tests.WeChat.Xml;

public sealed class WeChatReplyXmlTests
{
    [Theory]
    [InlineData("]]>")]
    [InlineData("a]]>b]]><script>")]
    [InlineData("第一行\n<a href=\"https://example.org\">链接</a>")]
    public void Text_ContentThatClosesCData_SurvivesExactly(string content)
    {
        var xml = WeChatReplyXml.Text("oUser", "gh_1", 1714036504, content);

        var document = XElement.Parse(xml);
        Assert.Equal(content, document.Element("Content")!.Value);
        Assert.Single(document.Elements("Content"));
    }

    [Fact]
    public void Text_ControlCharacters_AreDroppedSoTheReplyStaysValid()
    {
        var xml = WeChatReplyXml.Text("oUser", "gh_1", 1, "a\u0001b\u0008c 😀");

        Assert.Equal("abc 😀", XElement.Parse(xml).Element("Content")!.Value);
    }

    [Fact]
    public void Parse_NestedEventFields_AreKeyedByPath()
    {
        var fields = WeChatXml.Parse("<xml><SendLocationInfo><Location_X>23</Location_X><Label>x</Label></SendLocationInfo></xml>");

        Assert.Equal("23", fields["SendLocationInfo/Location_X"]);
    }
}
