using System.Globalization;
using System.Text;
using CitizenBot.Dialogs.Text;

namespace CitizenBot.Dialogs.Tests.Text;

public sealed class ChineseTextTests
{
    [Theory]
    [InlineData("我要舉報", "我要举报")]
    [InlineData("幫助", "帮助")]
    [InlineData("鄰里糾紛", "邻里纠纷")]
    [InlineData("取消", "取消")]
    [InlineData("請問怎麼稱呼您", "请问怎么称呼您")]
    [InlineData("already simplified 已经是简体", "already simplified 已经是简体")]
    public void ToSimplified_TraditionalText_IsSimplified(string input, string expected) =>
        Assert.Equal(expected, ChineseText.ToSimplified(input));

    [Fact]
    public void ToSimplified_PhraseInDictionary_WinsOverCharacters()
    {
        // TSCharacters maps 乾 to 干, but the phrase 乾元 keeps 乾: the longest phrase is taken first.
        Assert.Equal("干", ChineseText.ToSimplified("乾"));
        Assert.Equal("乾元", ChineseText.ToSimplified("乾元"));
        Assert.Equal("一目了然", ChineseText.ToSimplified("一目瞭然"));
    }

    [Fact]
    public void ToSimplified_SupplementaryCharacters_SurviveUnchanged()
    {
        const string text = "𠀀😀𡞱";
        Assert.Equal(text, ChineseText.ToSimplified(text));
    }

    [Fact]
    public async Task ToSimplified_ManyThreadsAtOnce_AllGetTheSameAnswer()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => ChineseText.ToSimplified("我要舉報違章建築"))));
        Assert.All(results, r => Assert.Equal("我要举报违章建筑", r));
    }

    [Theory]
    [InlineData("  １３８ＡＢＣ  ", "138ABC")]
    [InlineData("③", "3")]
    [InlineData("\t幫助\n", "帮助")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    [InlineData(null, "")]
    public void Normalize_FullWidthSpacesAndTraditional_AreNormalised(string? input, string expected) =>
        Assert.Equal(expected, ChineseText.Normalize(input));

    [Theory]
    [InlineData("取消！", "取消")]
    [InlineData("\u200F取消\u200E", "取消")]
    [InlineData("好的👍", "好的")]
    [InlineData("OK", "ok")]
    [InlineData("返回 主菜单。", "返回主菜单")]
    [InlineData("💩💩", "")]
    public void ToMatchKey_PunctuationEmojiMarks_AreDropped(string input, string expected) =>
        Assert.Equal(expected, ChineseText.ToMatchKey(input));

    [Theory]
    [InlineData("ÀÉÎ ΣΑΣ Ǆ ǅ ⅫⅣ")]
    [InlineData("𠀀𪚥 二〇二六 ٣٤ ᴬᴮ")]
    [InlineData("路燈壞了!! 第③個 ＡＢＣ")]
    [InlineData("İstanbul ß ﬁ")]
    public void ToMatchKey_CaselessCharactersKeptAsTheyAre_SameKeyAsLowerCasingEveryLetter(string input)
    {
        var everyLetterLowered = string.Concat(ChineseText.Normalize(input).EnumerateRunes()
            .Where(r => char.IsLetterOrDigit(r.ToString(), 0) || Rune.GetUnicodeCategory(r) is UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber)
            .Select(r => Rune.ToLowerInvariant(r).ToString()));

        Assert.Equal(everyLetterLowered, ChineseText.ToMatchKey(input));
    }

    [Fact]
    public void Normalize_LoneSurrogate_DoesNotThrow()
    {
        var normalized = ChineseText.Normalize("a\uD800b");
        Assert.StartsWith("a", normalized, StringComparison.Ordinal);
        Assert.EndsWith("b", normalized, StringComparison.Ordinal);
    }
}
