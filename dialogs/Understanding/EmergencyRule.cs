namespace CitizenBot.Dialogs.Understanding;

/// <summary>One kind of <c>Safety/EmergencyRules.json</c>, its phrases already as match keys.</summary>
/// <param name="Numbers">What to call, most important first, e.g. <c>119</c>.</param>
/// <param name="ReportCategory">The center's category of an urgent ticket for this hazard; null when no ticket is offered.</param>
/// <param name="Always">Phrases that count whatever else the message says.</param>
internal sealed record EmergencyRule(
    EmergencyKind Kind,
    IReadOnlyList<string> Numbers,
    string? ReportCategory,
    IReadOnlyList<string> Always);
