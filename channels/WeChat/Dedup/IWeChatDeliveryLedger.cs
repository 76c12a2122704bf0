namespace CitizenBot.Channels.WeChat.Dedup;

/// <summary>
/// Dedup of inbound messages by their channel key: the first delivery starts the turn, later ones
/// join it. In memory for one process; with several instances a shared store (Redis SET NX) must decide which one
/// runs the turn.
/// </summary>
internal interface IWeChatDeliveryLedger
{
    /// <returns>The delivery already under way for <paramref name="key"/>, or a new one whose turn was just started.</returns>
    WeChatDelivery GetOrStart(string key, Func<Task<WeChatTurnResult>> startTurn);
}
