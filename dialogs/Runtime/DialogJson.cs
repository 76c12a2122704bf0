using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CitizenBot.Dialogs.Runtime;

/// <summary>How a dialog's typed state is written into its <see cref="DialogInstance.State"/> and read back.</summary>
internal static class DialogJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonObject ToObject<T>(T value) =>
        JsonSerializer.SerializeToNode(value, Options) as JsonObject
            ?? throw new InvalidOperationException($"{typeof(T).Name} must serialise to a JSON object to be kept as dialog state.");

    /// <summary>Reads the state; a missing or malformed state throws <see cref="JsonException"/>, which the bot treats as stale.</summary>
    public static T FromObject<T>(JsonObject state) =>
        state.Deserialize<T>(Options) ?? throw new JsonException($"The saved {typeof(T).Name} is null.");
}
