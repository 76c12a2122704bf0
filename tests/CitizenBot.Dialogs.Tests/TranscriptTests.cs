using CitizenBot.Dialogs.Tests.Harness;

namespace CitizenBot.Dialogs.Tests;

public sealed class TranscriptTests
{
    private const string Folder = "Transcripts";

    public static TheoryData<string> Files() => Transcript.FilesIn(Folder);

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Run_Transcript_BotRepliesAsWritten(string file)
    {
        var transcript = await Transcript.LoadAsync(Folder, file);
        using var bot = TestBot.Create();

        await TranscriptRunner.RunAsync(transcript, bot);
    }

    [Fact]
    public void Files_TranscriptFolder_HoldsTheScenarios()
    {
        // A missing copy step would otherwise make the theory above silently run nothing.
        Assert.True(Files().Count >= 8, $"Expected the transcripts in {Folder}.");
    }
}
