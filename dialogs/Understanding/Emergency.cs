namespace CitizenBot.Dialogs.Understanding;

/// <summary>What a message was recognised as: the kinds in answer order, and the numbers to call in that order.</summary>
internal sealed record Emergency(IReadOnlyList<EmergencyRule> Rules)
{
    public IReadOnlyList<EmergencyKind> Kinds => [.. Rules.Select(r => r.Kind)];

    public IReadOnlyList<string> Numbers => [.. Rules.SelectMany(r => r.Numbers).Distinct(StringComparer.Ordinal)];

    public bool Is(EmergencyKind kind) => Rules.Any(r => r.Kind == kind);

    /// <summary>The hazard an urgent ticket can be filed for (fire, gas, explosion, trapped), if any.</summary>
    public EmergencyRule? Reportable => Rules.FirstOrDefault(r => r.ReportCategory is not null);
}
