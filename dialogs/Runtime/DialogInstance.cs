using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CitizenBot.Dialogs.Runtime;

/// <summary>One entry of the dialog stack: which dialog, which version of it, and its own typed state as JSON.</summary>
[JsonConverter(typeof(DialogInstanceJsonConverter))]
public sealed class DialogInstance
{
    // The state is held in exactly one of three forms, the last one given:
    // - typed (DialogJson.Keep / DialogJson.Read): the value a dialog works with during the turn, written straight to
    //   the stored JSON when the conversation is saved;
    // - a JSON object (State), once something reads or sets the state as JSON; from then on the object is the truth;
    // - the stored JSON as read, untouched: a dialog lower on the stack that did not run this turn is written back
    //   byte for byte, and a typed read deserialises straight from it.
    // So a turn builds no JSON DOM for dialog state unless something asks for one.
    private object? _typed;
    private IDialogStateWriter? _writer;
    private JsonObject? _state;
    private JsonElement? _stored;

    public required string Id { get; set; }

    /// <summary><c>"{id}:{stepCount}"</c> of the dialog that wrote this entry, so a changed flow is noticed.</summary>
    public string? Version { get; set; }

    public JsonObject State
    {
        get
        {
            if (_state is null)
            {
                Hold(state: _writer is not null ? _writer.ToObject(_typed!) : _stored is { } stored ? JsonObject.Create(stored) : []);
            }

            return _state!;
        }

        set => Hold(state: value);
    }

    /// <summary>The stored JSON as read, while nothing has replaced it this turn; otherwise null.</summary>
    internal JsonElement? StoredJson => _stored;

    internal T? Typed<T>()
        where T : class => _typed as T;

    internal void Keep<T>(T value, IDialogStateWriter writer)
        where T : class => Hold(value, writer);

    /// <summary>Holds the stored JSON of the state as read, until something asks for it.</summary>
    internal void HoldStored(JsonElement stored) => Hold(stored: stored);

    internal void WriteState(Utf8JsonWriter writer, JsonSerializerOptions options)
    {
        if (_writer is not null)
        {
            _writer.Write(writer, _typed!);
        }
        else if (_stored is { } stored)
        {
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(stored), skipInputValidation: true);
        }
        else
        {
            (_state ?? []).WriteTo(writer, options);
        }
    }

    private void Hold(object? typed = null, IDialogStateWriter? writer = null, JsonObject? state = null, JsonElement? stored = null) =>
        (_typed, _writer, _state, _stored) = (typed, writer, state, stored);
}

/// <summary>Writes a dialog's typed state, as JSON text or as a JSON object.</summary>
internal interface IDialogStateWriter
{
    void Write(Utf8JsonWriter writer, object value);

    JsonObject ToObject(object value);
}

/// <summary>
/// A dialog stack entry as <c>{"id":…,"version":…,"state":{…}}</c>, its state written from whichever form it is held
/// in (see <see cref="DialogInstance"/>) instead of through a JSON DOM.
/// </summary>
internal sealed class DialogInstanceJsonConverter : JsonConverter<DialogInstance>
{
    public override DialogInstance Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A dialog stack entry must be a JSON object.");
        }

        string? id = null;
        string? version = null;
        JsonElement? state = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            if (Is(name, "id"))
            {
                id = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
            }
            else if (Is(name, "version"))
            {
                version = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
            }
            else if (Is(name, "state") && reader.TokenType != JsonTokenType.Null)
            {
                state = reader.TokenType == JsonTokenType.StartObject
                    ? JsonElement.ParseValue(ref reader)
                    : throw new JsonException("A dialog's state must be a JSON object.");
            }
            else
            {
                reader.Skip();
            }
        }

        var instance = new DialogInstance { Id = id ?? throw new JsonException("A dialog stack entry has no id."), Version = version };
        if (state is { } stored)
        {
            instance.HoldStored(stored);
        }

        return instance;
    }

    public override void Write(Utf8JsonWriter writer, DialogInstance value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("id"u8, value.Id);
        if (value.Version is not null)
        {
            writer.WriteString("version"u8, value.Version);
        }

        writer.WritePropertyName("state"u8);
        value.WriteState(writer, options);
        writer.WriteEndObject();
    }

    private static bool Is(string? name, string expected) => string.Equals(name, expected, StringComparison.OrdinalIgnoreCase);
}
