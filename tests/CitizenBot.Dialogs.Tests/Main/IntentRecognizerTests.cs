using CitizenBot.Dialogs.Main;
using CitizenBot.Dialogs.Text;

namespace CitizenBot.Dialogs.Tests.Main;

public sealed class IntentRecognizerTests
{
    private static readonly HashSet<string> AllIntents =
        ["report", "legal", "mediation", "status", "gridworker", MainFlow.GreetingIntent, MainFlow.ThanksIntent];

    [Theory]
    [InlineData("我要举报", "report")]
    [InlineData("我要舉報", "report")]
    [InlineData("小区门口的消防通道被车堵了", "report")]
    [InlineData("老板跑路了工资不给怎么办", "legal")]
    [InlineData("想和邻居调解一下", "mediation")]
    [InlineData("我上次反映的问题处理了吗", "status")]
    [InlineData("我是外卖骑手，想注册网格员", "gridworker")]
    [InlineData("你好", MainFlow.GreetingIntent)]
    [InlineData("谢谢你", MainFlow.ThanksIntent)]
    public void Recognize_CitizenSentence_FindsIntent(string sentence, string expected)
    {
        var sut = new IntentRecognizer();

        Assert.Equal(expected, sut.Recognize(ChineseText.ToMatchKey(sentence), AllIntents));
    }

    [Fact]
    public void Recognize_IntentWithoutRegisteredFlow_IsNotReturned()
    {
        var sut = new IntentRecognizer();

        Assert.Null(sut.Recognize(ChineseText.ToMatchKey("我要举报"), new HashSet<string> { "legal" }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("今天天气不错")]
    [InlineData("asdfghjkl")]
    public void Recognize_NothingKnown_ReturnsNull(string sentence) =>
        Assert.Null(new IntentRecognizer().Recognize(ChineseText.ToMatchKey(sentence), AllIntents));

    [Fact]
    public void Parse_RulesFile_KeywordsBecomeMatchKeys()
    {
        using var json = new MemoryStream("""{"intents":[{"intent":"x","priority":2,"keywords":["舉報！"],"patterns":["a.b"]}]}"""u8.ToArray());

        var rule = Assert.Single(IntentRecognizer.Parse(json));

        Assert.Equal("x", rule.Intent);
        Assert.Equal(2, rule.Priority);
        Assert.Equal(["举报"], rule.Keywords);
        Assert.Matches(rule.Patterns[0], "axb");
    }
}
