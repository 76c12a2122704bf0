using CitizenBot.Dialogs.Tests.Harness;

namespace CitizenBot.Dialogs.Tests;

public sealed class TranscriptTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Transcripts");

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
    public async Task Run_Transcript_BotRepliesAsWritten(string file)
    {
        var transcript = Transcript.Parse(file, await File.ReadAllTextAsync(Path.Combine(Folder, file)));
        Assert.NotEmpty(transcript.Lines);
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
