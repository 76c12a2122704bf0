using CitizenBot.Channels.Privacy;

namespace CitizenBot.Channels.DirectLine;

/// <summary>
/// Erases a Direct Line conversation: its log (whatever the citizen said and the bot answered), its uploads, and every
/// token of it (the conversation is marked erased, and a token for an erased conversation opens nothing).
/// </summary>
internal sealed class DirectLineConversationEraser(IDirectLineConversationStore store, DirectLineUploadFolder uploads) : IChannelConversationEraser
{
    public string ChannelId => DirectLineDefaults.ChannelId;

    public async Task EraseAsync(string conversationId, CancellationToken cancellationToken)
    {
        await store.EraseAsync(conversationId, cancellationToken).ConfigureAwait(false);
        uploads.DeleteConversation(conversationId);
    }
}
