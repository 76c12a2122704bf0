using CitizenBot.Dialogs.Prompts;
using CitizenBot.Dialogs.Text;

namespace CitizenBot.Dialogs.Tests.Prompts;

public sealed class ConfirmRecognizerTests
{
    [Theory]
    [InlineData("是")]
    [InlineData("是的")]
    [InlineData("好")]
    [InlineData("好的，谢谢")]
    [InlineData("对")]
    [InlineData("确认")]
    [InlineData("可以")]
    [InlineData("嗯")]
    [InlineData("嗯，提交吧")]
    [InlineData("没问题")]
    [InlineData("OK")]
    [InlineData("對的")]
    public void Recognize_Agreement_IsYes(string input) =>
        Assert.True(ConfirmRecognizer.Recognize(ChineseText.ToMatchKey(input)));

    [Theory]
    [InlineData("否")]
    [InlineData("不")]
    [InlineData("不用")]
    [InlineData("不对，地址错了")]
    [InlineData("不是")]
    [InlineData("取消")]
    [InlineData("不要了")]
    [InlineData("不對")]
    public void Recognize_Refusal_IsNo(string input) =>
        Assert.False(ConfirmRecognizer.Recognize(ChineseText.ToMatchKey(input)));

    [Theory]
    [InlineData("")]
    [InlineData("我再想想")]
    [InlineData("1380013800")]
    public void Recognize_NeitherYesNorNo_IsUnknown(string input) =>
        Assert.Null(ConfirmRecognizer.Recognize(ChineseText.ToMatchKey(input)));

    [Theory]
    [InlineData("算了还是提交吧", true)]
    [InlineData("还是算了", false)]
    [InlineData("先不了", false)]
    [InlineData("算了还是注册吧", null)]
    public void Recognize_AChangeOfMind_WhatFollowsDecides(string input, bool? expected) =>
        Assert.Equal(expected, ConfirmRecognizer.Recognize(ChineseText.ToMatchKey(input)));
}
