namespace CitizenBot.Dialogs.Main;

/// <summary>
/// How Main begins a flow from what the citizen wrote: the words (the original message, also when the flow is begun a
/// turn later from a button) and the detail the understanding model or the citizen chose (a report category code, a
/// legal topic).
/// </summary>
internal sealed record FlowStart(string Text, string? Detail);
