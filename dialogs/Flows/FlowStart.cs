using CitizenBot.Dialogs.Runtime;

namespace CitizenBot.Dialogs.Flows;

/// <summary>
/// How Main begins a flow from what the citizen wrote: the words (the original message, also when the flow is begun a
/// turn later from a button) and the detail the understanding model or the citizen chose (a report category code, a
/// legal topic).
/// </summary>
internal sealed record FlowStart(string Text, string? Detail)
{
    /// <summary>The citizen's words of this turn, as a flow is begun with them.</summary>
    internal static string Words(DialogContext dc) => dc.Activity.Text?.Trim() ?? string.Empty;
}
