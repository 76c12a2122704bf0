namespace CitizenBot.Dialogs.Understanding;

/// <summary>
/// What a message was recognised as: the kinds in answer order, and the numbers to call in that order.
/// <paramref name="AlsoPossible"/> is a kind the safety model found nearly as likely as the one it chose: its numbers are
/// named after the others, so that a caller whose emergency the model half-mistook (a drowning read as a flood) still reads
/// the right number; it gets no advice line and no ticket offer of its own.
/// </summary>
/// <param name="ModelsOnly">No rule phrase and no second judge called it: the two models alone.</param>
internal sealed record Emergency(IReadOnlyList<EmergencyRule> Rules, EmergencyRule? AlsoPossible = null, bool ModelsOnly = false)
{
    public IReadOnlyList<EmergencyKind> Kinds => [.. Rules.Select(r => r.Kind)];

    public IReadOnlyList<string> Numbers =>
        [.. Rules.SelectMany(r => r.Numbers).Concat(AlsoPossible?.Numbers ?? []).Distinct(StringComparer.Ordinal)];

    public bool Is(EmergencyKind kind) => Rules.Any(r => r.Kind == kind);

    /// <summary>The hazard an urgent ticket can be filed for (fire, gas, explosion, trapped), if any.</summary>
    public EmergencyRule? Reportable => Rules.FirstOrDefault(r => r.ReportCategory is not null);
}
