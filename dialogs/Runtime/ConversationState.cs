using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CitizenBot.Dialogs.Runtime;

/// <summary>
/// Everything the dialogs keep about one conversation between turns. The bot stores it as JSON with a
/// version and writes it back only if nobody else wrote in between.
/// </summary>
public sealed class ConversationState
{
    // The options say only what the generated code was generated for, so it writes the state itself (a context whose
    // options name an encoder falls back to the slower metadata-driven writer); the writer brings the encoder.
    private static readonly ConversationStateJson Stored = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });

    // Chinese text as UTF-8 (3 bytes a character) rather than \uXXXX escapes (6): the stored state of a conversation
    // waiting at a prompt is mostly the prompt's Chinese text. The bytes are never embedded in HTML.
    private static readonly JsonWriterOptions Writing = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The dialog stack, innermost last.</summary>
    public List<DialogInstance> Stack { get; set; } = [];

    /// <summary>Small per-conversation values that outlive a single dialog (e.g. the user's chosen name).</summary>
    public JsonObject Values { get; set; } = [];

    public static ConversationState Deserialize(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, Stored.ConversationState) ?? new ConversationState();

    public byte[] Serialize()
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, Writing))
        {
            JsonSerializer.Serialize(writer, this, Stored.ConversationState);
        }

        return buffer.WrittenSpan.ToArray();
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConversationState))]
internal sealed partial class ConversationStateJson : JsonSerializerContext;
