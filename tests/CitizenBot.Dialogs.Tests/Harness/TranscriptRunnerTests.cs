using Xunit.Sdk;

namespace CitizenBot.Dialogs.Tests.Harness;

public sealed class TranscriptRunnerTests
{
    [Fact]
    public async Task RunAsync_ReplyNotInTranscript_Fails()
    {
        using var bot = TestBot.Create();
        var transcript = Transcript.Parse("t", "> 1\n> 王小明\n< 请留一个手机号，方便工作人员联系您。");

        var error = await Assert.ThrowsAsync<FailException>(() => TranscriptRunner.RunAsync(transcript, bot));
        Assert.Contains("said more", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_DifferentReply_FailsWithLineNumber()
    {
        using var bot = TestBot.Create();
        var transcript = Transcript.Parse("t", "> [join]\n<~ 您好！\n> 1\n< 请问您贵姓？");

        var error = await Assert.ThrowsAsync<TrueException>(() => TranscriptRunner.RunAsync(transcript, bot));
        Assert.Contains("t:4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownLine_SaysWhatLinesLookLike() =>
        Assert.Throws<FormatException>(() => Transcript.Parse("t", "hello"));
}
