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
        state.Deserialize<T>(Options) ?? throw SavedNull<T>();

    /// <summary>The instance's state as <typeparamref name="T"/>, read from its JSON without keeping it (see <see cref="Read{T}"/>).</summary>
    public static T FromJson<T>(DialogInstance instance) =>
        instance.StoredJson is { } stored
            ? stored.Deserialize<T>(Options) ?? throw SavedNull<T>()
            : FromObject<T>(instance.State);

    /// <summary>
    /// Keeps <paramref name="value"/> as the instance's state for the rest of the turn, typed; it is written straight
    /// into the stored JSON when the conversation state is saved (or into a JSON object if the instance's
    /// <see cref="DialogInstance.State"/> is read first). The value is kept by reference: give a new value (records:
    /// <c>with</c>) rather than changing one already kept.
    /// </summary>
    public static void Keep<T>(DialogInstance instance, T value)
        where T : class => instance.Keep(value, Writer<T>.Instance);

    /// <summary>
    /// The instance's state as <typeparamref name="T"/>: the value kept this turn, or read from its JSON once and kept;
    /// a missing or malformed state throws <see cref="JsonException"/>, as <see cref="FromObject{T}"/>.
    /// </summary>
    public static T Read<T>(DialogInstance instance)
        where T : class
    {
        if (instance.Typed<T>() is { } kept)
        {
            return kept;
        }

        var value = FromJson<T>(instance);
        Keep(instance, value);
        return value;
    }

    private static JsonException SavedNull<T>() => new($"The saved {typeof(T).Name} is null.");

    private sealed class Writer<T> : IDialogStateWriter
    {
        public static readonly Writer<T> Instance = new();

        public void Write(Utf8JsonWriter writer, object value) => JsonSerializer.Serialize(writer, (T)value, Options);

        public JsonObject ToObject(object value) => DialogJson.ToObject((T)value);
    }
}
