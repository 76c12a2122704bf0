using CitizenBot.Dialogs.Cards;

namespace CitizenBot.Dialogs.Tests.Cards;

public sealed class MarkdownTests
{
    [Theory]
    [InlineData("https://bot.example.gov.cn/odr/i/abc")]
    [InlineData("http://127.0.0.1:5000/odr/i/abc")]
    public void FromPlain_ANamedLink_IsOneLinkShownByItsLabel(string url)
    {
        var markdown = Markdown.FromPlain($"请转发给对方：[调解邀请]({url})")!;

        Assert.Equal($"请转发给对方：[调解邀请]({url})", markdown);
        Assert.Equal("请转发给对方：调解邀请", Markdown.ToPlain(markdown));
    }

    [Fact]
    public void FromPlain_AHotlineAndTheCitizensOwnBrackets_LinkedAndEscaped()
    {
        var markdown = Markdown.FromPlain("拨打12348 [备注]")!;

        Assert.Equal("拨打[12348](tel:12348) \\[备注\\]", markdown);
    }
}
