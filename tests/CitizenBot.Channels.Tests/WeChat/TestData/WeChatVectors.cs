using System.Text.Json;

namespace CitizenBot.Channels.Tests.WeChat.TestData;

/// <summary>The 16 real protocol vectors of the WeChat protocol, copied here so the tests need nothing outside the repo.</summary>
internal static class WeChatVectors
{
    private static readonly Lazy<Dictionary<string, JsonElement>> All = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "WeChat", "TestData", "wechat-vectors.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("vectors").EnumerateArray()
            .ToDictionary(v => v.GetProperty("id").GetString()!, v => v.Clone(), StringComparer.Ordinal);
    });

    public static IEnumerable<string> Ids => All.Value.Keys;

    public static JsonElement Get(string id) => All.Value[id];

    public static string Input(string id, string name) => Get(id).GetProperty("input").GetProperty(name).GetString()!;

    public static string Expected(string id, string name) => Get(id).GetProperty("expected").GetProperty(name).GetString()!;
}
