using CitizenBot.Dialogs.Tests.Harness;

namespace CitizenBot.Dialogs.Tests;

/// <summary>The real flows (Report, Status, GridWorker, …) with the real menu, over in-memory ports (see <c>Fakes/</c>).</summary>
public sealed class FlowTranscriptTests
{
    private const string Folder = "FlowTranscripts";

    public static TheoryData<string> Files() => Transcript.FilesIn(Folder);

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Run_FlowTranscript_BotRepliesAsWritten(string file)
    {
        var transcript = await Transcript.LoadAsync(Folder, file);
        using var bot = TestBot.CreateWithFlows();

        await TranscriptRunner.RunAsync(transcript, bot);
    }

    [Fact]
    public void Files_FlowTranscriptFolder_HoldsTheScenarios()
    {
        // A missing copy step would otherwise make the theory above silently run nothing.
        Assert.True(Files().Count >= 8, $"Expected the flow transcripts in {Folder}.");
    }
}
