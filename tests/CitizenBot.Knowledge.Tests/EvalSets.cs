using System.Text.Json;

namespace CitizenBot.Knowledge.Tests;

/// <summary>The evaluation sets of tests/CitizenBot.Knowledge.Eval, copied beside the tests: one JSON object a line.</summary>
internal static class EvalSets
{
    public static List<JsonElement> Read(string fileName) =>
        [.. File.ReadLines(Path.Combine(AppContext.BaseDirectory, fileName))
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => JsonDocument.Parse(l).RootElement)];
}
