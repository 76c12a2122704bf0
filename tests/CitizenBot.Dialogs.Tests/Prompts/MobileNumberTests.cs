using CitizenBot.Dialogs.Prompts;
using CitizenBot.Dialogs.Text;

namespace CitizenBot.Dialogs.Tests.Prompts;

public sealed class MobileNumberTests
{
    [Theory]
    [InlineData("13800138000")]
    [InlineData("138 0013 8000")]
    [InlineData("138-0013-8000")]
    [InlineData("+86 138 0013 8000")]
    [InlineData("+8613800138000")]
    [InlineData("8613800138000")]
    [InlineData("0086-138-0013-8000")]
    [InlineData("我的手机是13800138000，谢谢")]
    [InlineData("１３８００１３８０００")]
    [InlineData("(138)0013-8000")]
    public void Find_MainlandMobileWritten_AnyWay_ReturnsElevenDigits(string input) =>
        Assert.Equal("13800138000", MobileNumber.Find(ChineseText.Normalize(input)));

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("12800138000")]
    [InlineData("23800138000")]
    [InlineData("1380013800")]
    [InlineData("138001380001")]
    [InlineData("0871-12345678")]
    [InlineData("13800138000 或 13900139000")]
    public void Find_NotOneMainlandMobile_ReturnsNull(string input) =>
        Assert.Null(MobileNumber.Find(ChineseText.Normalize(input)));
}
