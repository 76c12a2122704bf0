using System.Buffers;
using System.Text.Json;
using CitizenBot.Channels.Activities;

namespace CitizenBot.Bot.Turns;

/// <summary>
/// The channel message ids of a conversation's last turns, with the replies of the very last one, saved in the same
/// write as the conversation state. A turn is recorded exactly when its state is, so after a crash
/// a redelivered message either finds its turn recorded (state saved: the first replies are given again, the dialogs
/// do not run) or finds nothing (state not saved: the turn runs again from where the conversation was). Kept per
/// conversation, it needs no sweeping and lives as long as the state; it survives a restart with it.
/// </summary>
internal sealed class TurnLedger
{
    /// <summary>Clients retry the message they got no answer for, so the last few ids are enough; older ones run again.</summary>
    internal const int RememberedTurns = 16;

    public static readonly TurnLedger Empty = new([], null);

    // Oldest first; the replies (in _bytes) belong to the last id and are read only when a redelivery needs them.
    private readonly IReadOnlyList<string> _ids;
    private readonly byte[]? _bytes;

    private TurnLedger(IReadOnlyList<string> ids, byte[]? bytes)
    {
        _ids = ids;
        _bytes = bytes;
    }

    /// <summary>Reads what <see cref="Append"/> wrote; anything unreadable counts as empty (the worst case is a turn run twice).</summary>
    public static TurnLedger Read(byte[]? bytes)
    {
        if (bytes is null || bytes.Length == 0)
        {
            return Empty;
        }

        try
        {
            return ReadIds(bytes) is { } ids ? new TurnLedger(ids, bytes) : Empty;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return Empty;
        }
    }

    /// <summary>
    /// Only the ids, read as they come (every turn reads the ledger; the replies are parsed only for a redelivery):
    /// no document of the whole ledger. Null when the ledger has no ids array.
    /// </summary>
    private static List<string>? ReadIds(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("ids"u8))
            {
                reader.Read();
                reader.Skip();
                continue;
            }

            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return null;
            }

            var ids = new List<string>(RememberedTurns);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                ids.Add(reader.GetString() ?? "");
            }

            return ids;
        }

        return null;
    }

    /// <summary>
    /// True when <paramref name="messageId"/> already ran; <paramref name="replies"/> are then its replies as the
    /// dialogs gave them (not yet addressed), or empty when it was not the last turn (the first reply again or nothing).
    /// </summary>
    public bool TryFind(string messageId, out IReadOnlyList<Activity> replies)
    {
        replies = [];
        var index = LastIndexOf(messageId);
        if (index < 0)
        {
            return false;
        }

        if (index == _ids.Count - 1 && _bytes is not null)
        {
            using var document = JsonDocument.Parse(_bytes);
            if (document.RootElement.TryGetProperty("replies", out var element))
            {
                replies = element.Deserialize(ActivityJson.Context.ListActivity) ?? [];
            }
        }

        return true;
    }

    /// <summary>This ledger with <paramref name="messageId"/> as the last turn and its replies.</summary>
    public byte[] Append(string messageId, IReadOnlyList<Activity> replies)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        // Chinese as UTF-8 (3 bytes a character), as in the state, not \uXXXX escapes (6): the ledger is a third of an idle
        // conversation's bytes, nearly all of it the last question's text and buttons.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ActivityJson.Context.Options.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("ids");
            foreach (var id in _ids.Skip(Math.Max(0, _ids.Count - (RememberedTurns - 1))))
            {
                writer.WriteStringValue(id);
            }

            writer.WriteStringValue(messageId);
            writer.WriteEndArray();
            writer.WritePropertyName("replies");
            JsonSerializer.Serialize(writer, replies as List<Activity> ?? [.. replies], ActivityJson.Context.ListActivity);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private int LastIndexOf(string messageId)
    {
        for (var i = _ids.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_ids[i], messageId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
