using CitizenBot.Dialogs.Report;
using CitizenBot.Dialogs.Tests.Fakes;
using CitizenBot.Dialogs.Text;

namespace CitizenBot.Dialogs.Tests.Report;

public sealed class CategoryMatcherTests
{
    private static readonly IReadOnlyList<ReportCategory> Categories = new FakeReportDesk().Categories;

    [Theory]
    [InlineData("消防通道被电动车堵了", "05-01")]
    [InlineData("我要举报违建", "01-01")]
    [InlineData("樓頂私搭亂建", "01-01")]
    [InlineData("路灯坏了", "02-01")]
    public void Find_MessageNamesACategory_ThatCategory(string text, string code) =>
        Assert.Equal(code, CategoryMatcher.Find(Categories, ChineseText.ToMatchKey(text))?.Code);

    [Theory]
    [InlineData("我要上报")]
    [InlineData("")]
    [InlineData("垃圾旁边的路灯")]
    public void Find_NoOrTiedKeywords_Null(string text) =>
        Assert.Null(CategoryMatcher.Find(Categories, ChineseText.ToMatchKey(text)));
}
