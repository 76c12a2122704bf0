namespace CitizenBot.Dialogs.Runtime;

/// <summary>
/// Saved dialog state that this build cannot continue (unknown dialog, changed version, unreadable state).
/// The bot answers it by restarting the flow politely, never by failing the turn.
/// </summary>
internal sealed class StaleDialogException(string message, Exception? inner = null) : Exception(message, inner);
