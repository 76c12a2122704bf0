using CitizenBot.Dialogs.Mediation;

namespace CitizenBot.Dialogs.Tests.Mediation;

/// <summary>How the other party's 微信号 is read from what the citizen types.</summary>
public sealed class MediationContactsTests
{
    [Theory]
    [InlineData("liu602abc", "liu602abc")]
    [InlineData("微信号 liu602abc", "liu602abc")]
    [InlineData("他微信是liu602abc", "liu602abc")]
    [InlineData("微信号：wang_88", "wang_88")]
    [InlineData("wx: Zhang-2020", "Zhang-2020")]
    [InlineData("不知道", null)]
    [InlineData("微信号 12345678", null)]
    [InlineData("0731-85551234", null)]
    public void FindWeChatId_IdAloneOrNamed_TheIdWithoutItsLabel(string text, string? id) =>
        Assert.Equal(id, MediationContacts.FindWeChatId(text));
}
