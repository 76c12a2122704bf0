using CitizenBot.Dialogs.Runtime;

namespace CitizenBot.Dialogs.Flows;

/// <summary>
/// How Main begins a flow from what the citizen wrote: the words (the original message, also when the flow is begun a
/// turn later from a button) and the detail the understanding model or the citizen chose (a report category code, a
/// legal topic).
/// </summary>
/// <param name="Place">Where an earlier matter of this conversation was, for a flow begun right after it (a second
/// problem told with the first): offered at the address question, and what "一样的地方" means.</param>
internal sealed record FlowStart(string Text, string? Detail, string? Place = null)
{
    /// <summary>The citizen's words of this turn, as a flow is begun with them.</summary>
    internal static string Words(DialogContext dc) => dc.Activity.Text?.Trim() ?? string.Empty;
}
