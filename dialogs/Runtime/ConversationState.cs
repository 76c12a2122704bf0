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
    // Chinese text as UTF-8 (3 bytes a character) rather than \uXXXX escapes (6): the stored state of a conversation
    // waiting at a prompt is mostly the prompt's Chinese text. The bytes are never embedded in HTML.
    private static readonly ConversationStateJson Stored = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>The dialog stack, innermost last.</summary>
    public List<DialogInstance> Stack { get; set; } = [];

    /// <summary>Small per-conversation values that outlive a single dialog (e.g. the user's chosen name).</summary>
    public JsonObject Values { get; set; } = [];

    public static ConversationState Deserialize(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, Stored.ConversationState) ?? new ConversationState();

    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(this, Stored.ConversationState);
}

/// <summary>One entry of the dialog stack: which dialog, which version of it, and its own typed state as JSON.</summary>
public sealed class DialogInstance
{
    private JsonObject _state = [];

    // While a turn runs, the dialog keeps its typed state here (DialogJson.Keep / DialogJson.Read) and it is written to
    // JSON only when State is read after a Keep: once, when the conversation state is saved at the end of the turn,
    // instead of a JSON DOM before and after every waterfall step. The typed value is the truth while it is set;
    // _write is set while the JSON is behind it.
    private object? _typed;
    private Func<object, JsonObject>? _write;

    public required string Id { get; set; }

    /// <summary><c>"{id}:{stepCount}"</c> of the dialog that wrote this entry, so a changed flow is noticed.</summary>
    public string? Version { get; set; }

    public JsonObject State
    {
        get
        {
            if (_write is not null)
            {
                _state = _write(_typed!);
                _write = null;
            }

            return _state;
        }

        set
        {
            _state = value;
            _typed = null;
            _write = null;
        }
    }

    internal T? Typed<T>()
        where T : class => _typed as T;

    internal void Keep<T>(T value, Func<object, JsonObject> write)
        where T : class
    {
        _typed = value;
        _write = write;
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConversationState))]
internal sealed partial class ConversationStateJson : JsonSerializerContext;
