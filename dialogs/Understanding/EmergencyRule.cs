namespace CitizenBot.Dialogs.Understanding;

/// <summary>One kind of <c>Safety/EmergencyRules.json</c>, its phrases already as match keys.</summary>
/// <param name="Numbers">What to call, most important first, e.g. <c>119</c>.</param>
/// <param name="ReportCategory">The center's category of an urgent ticket for this hazard; null when no ticket is offered.</param>
/// <param name="Always">Phrases that count whatever else the message says.</param>
/// <param name="NeverOverruled">The phrases count even when both models read nothing happening (self-harm).</param>
/// <param name="Whole">Phrases that count only as the whole message, its interjections aside ("救命啊", not "救命钱").</param>
internal sealed record EmergencyRule(
    EmergencyKind Kind,
    IReadOnlyList<string> Numbers,
    string? ReportCategory,
    IReadOnlyList<string> Always,
    bool NeverOverruled = false,
    IReadOnlyList<string>? Whole = null);
