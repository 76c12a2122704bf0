using CitizenBot.Dialogs.Tests.Harness;

namespace CitizenBot.Dialogs.Tests;

/// <summary>The real flows (Report, Status, GridWorker, …) with the real menu, over in-memory ports (see <c>Fakes/</c>).</summary>
public sealed class FlowTranscriptTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "FlowTranscripts");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Folder, "*.transcript").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Run_FlowTranscript_BotRepliesAsWritten(string file)
    {
        var transcript = Transcript.Parse(file, await File.ReadAllTextAsync(Path.Combine(Folder, file)));
        Assert.NotEmpty(transcript.Lines);
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
