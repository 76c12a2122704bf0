using System.Globalization;
using System.Text;
using System.Text.Json;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;
using CitizenBot.Dialogs.Tests.Harness;
using Xunit.Abstractions;

namespace CitizenBot.Dialogs.Tests.Safety;

/// <summary>
/// The emergency dev set (<c>Safety/emergency-dev.jsonl</c>, written apart from the training corpus) through the real
/// DialogBot with the real flows, at the menu and from inside each flow: emergencies answered with the right number(s)
/// in the first line of the first reply, near-misses not. Recall comes first: the floors are the measured 63 of 64
/// emergencies and at most 6 of 24 near-misses flagged (docs/understanding.md, Measured); a retrain that does worse fails.
/// </summary>
public sealed class EmergencyDevSetTests(ITestOutputHelper output)
{
    private static readonly string DevSetPath = Path.Combine(AppContext.BaseDirectory, "Safety", "emergency-dev.jsonl");

    // How a flow is entered from the menu (its title) in the product menu.
    public static TheoryData<string> Places() => new() { "menu", "事件上报", "法律咨询", "预约调解", "我的上报", "流动网格员" };

    [Fact]
    public void DevSet_File_HasEveryKindInBothScriptsAndNearMisses()
    {
        var entries = DevEntry.Load(DevSetPath);

        Assert.True(entries.Count >= 60, $"The dev set has {entries.Count} messages; it needs at least 60.");
        foreach (var kind in Enum.GetNames<CitizenBot.Dialogs.Understanding.EmergencyKind>())
        {
            var camel = char.ToLowerInvariant(kind[0]) + kind[1..];
            Assert.True(entries.Count(e => e.Kind == camel) >= 3, $"The dev set needs at least 3 messages of kind {camel}.");
        }

        Assert.True(entries.Count(e => e.Kind is null) >= 15, "The dev set needs near-misses (at least 15).");
        Assert.True(entries.Count(e => e.Note?.Contains("Traditional", StringComparison.Ordinal) == true) >= 5, "The dev set needs Traditional-script messages.");
        Assert.True(entries.Count(e => e.Note?.Contains("typo", StringComparison.Ordinal) == true) >= 3, "The dev set needs messages with typos.");
    }

    [Theory]
    [MemberData(nameof(Places))]
    public async Task OnTurn_DevSetMessage_FirstLineNamesTheNumbersOnlyForEmergencies(string place)
    {
        var entries = DevEntry.Load(DevSetPath);
        using var bot = TestBot.CreateWithFlows();
        var failures = new StringBuilder();
        var caught = 0;
        var nearMissesClear = 0;
        foreach (var entry in entries)
        {
            bot.State = new ConversationState();
            await bot.SayAsync("你好");
            if (place != "menu")
            {
                await bot.SayAsync(place);
                Assert.True(bot.State.Stack.Count > 0, $"Entering '{place}' should leave a flow waiting for an answer.");
            }

            var replies = await bot.SayAsync(entry.Text);
            var firstLine = replies.Count == 0 ? string.Empty : replies[0].Shown().Split('\n')[0];
            var answeredAsEmergency = IsEmergencyLine(firstLine);
            if (entry.Kind is null)
            {
                if (answeredAsEmergency)
                {
                    failures.Append(CultureInfo.InvariantCulture, $"\nnear-miss answered as emergency: {entry.Text} -> {firstLine}");
                }
                else
                {
                    nearMissesClear++;
                }
            }
            else if (!answeredAsEmergency || entry.Numbers.Any(n => !firstLine.Contains(n, StringComparison.Ordinal)))
            {
                failures.Append(CultureInfo.InvariantCulture, $"\n{entry.Kind} missed: {entry.Text} -> {firstLine}");
            }
            else
            {
                caught++;
            }
        }

        var emergencies = entries.Count(e => e.Kind is not null);
        output.WriteLine($"{place}: {caught}/{emergencies} emergencies answered with the right numbers; {nearMissesClear}/{entries.Count - emergencies} near-misses not flagged.");
        Assert.True(caught >= MinCaught && entries.Count - emergencies - nearMissesClear <= MaxFlagged, $"From {place}:{failures}");
    }

    private const int MinCaught = 63;
    private const int MaxFlagged = 4;

    /// <summary>The first line of an emergency answer (the numbers to call, or the self-harm answer).</summary>
    internal static bool IsEmergencyLine(string firstLine) =>
        firstLine.StartsWith(Prefix(Texts.EmergencyCall), StringComparison.Ordinal)
        || firstLine.StartsWith(Prefix(Texts.EmergencyCallSelfHarm), StringComparison.Ordinal);

    private static string Prefix(string format) => format[..format.IndexOf('{', StringComparison.Ordinal)];

    private sealed record DevEntry(string Text, string? Kind, IReadOnlyList<string> Numbers, string? Note)
    {
        public static List<DevEntry> Load(string path) =>
        [
            .. File.ReadLines(path)
                .Where(line => line.Trim().Length > 0)
                .Select(line => JsonSerializer.Deserialize<DevEntry>(line, new JsonSerializerOptions(JsonSerializerDefaults.Web))
                    ?? throw new InvalidDataException($"Cannot read dev-set line: {line}"))
                .Select(e => e with { Numbers = e.Numbers ?? [] }),
        ];
    }
}
