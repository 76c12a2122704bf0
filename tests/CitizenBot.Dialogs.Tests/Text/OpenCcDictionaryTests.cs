using CitizenBot.Dialogs.Text;

namespace CitizenBot.Dialogs.Tests.Text;

public sealed class OpenCcDictionaryTests
{
    [Fact]
    public void Parse_SeveralCandidates_TakesTheFirst()
    {
        var dictionary = OpenCcDictionary.Parse("export default \"著 着 著|乾淨 干净\";");

        Assert.True(dictionary.TryGet("著", out var character));
        Assert.Equal("着", character);
        Assert.True(dictionary.TryGet("乾淨", out var phrase));
        Assert.Equal("干净", phrase);
        Assert.Equal(2, dictionary.MaxKeyLength);
    }

    [Fact]
    public void Parse_NotAModule_SaysWhatIsExpected()
    {
        var error = Assert.Throws<InvalidDataException>(() => OpenCcDictionary.Parse("nothing quoted here"));
        Assert.Contains("quoted", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("opencc/TSCharacters.js", "舉", "举")]
    [InlineData("opencc/TSPhrases.js", "一目瞭然", "一目了然")]
    public void Load_EmbeddedDictionaries_ArePresent(string resource, string key, string expected)
    {
        var dictionary = OpenCcDictionary.Load(resource);
        Assert.True(dictionary.TryGet(key, out var value));
        Assert.Equal(expected, value);
    }
}
