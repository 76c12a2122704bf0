namespace CitizenBot.Dialogs.Understanding;

/// <summary>
/// What a message was recognised as: the kinds in answer order, and the numbers to call in that order.
/// <paramref name="AlsoPossible"/> is a kind the safety model found nearly as likely as the one it chose: its numbers are
/// named after the others, so that a caller whose emergency the model half-mistook (a drowning read as a flood) still reads
/// the right number; it gets no advice line and no ticket offer of its own.
/// </summary>
/// <param name="ModelsOnly">No rule phrase and no second judge called it: the two models alone.</param>
/// <param name="Casualty">The message says someone is hurt, unconscious or not breathing: the ambulance is named too.</param>
internal sealed record Emergency(IReadOnlyList<EmergencyRule> Rules, EmergencyRule? AlsoPossible = null, bool ModelsOnly = false, CasualtyCall? Casualty = null)
{
    public IReadOnlyList<EmergencyKind> Kinds => [.. Rules.Select(r => r.Kind)];

    public IReadOnlyList<string> Numbers
    {
        get
        {
            var numbers = Rules.SelectMany(r => r.Numbers).Concat(AlsoPossible?.Numbers ?? []).Distinct(StringComparer.Ordinal).ToList();
            if (Casualty is not { } casualty)
            {
                return numbers;
            }

            // Named first where the emergency is the person (someone collapsed), else right after the kind's first number:
            // a fire with someone hurt is still called in to 119 first.
            numbers.Remove(casualty.Number);
            numbers.Insert(Rules.Count > 0 && casualty.FirstFor.Contains(Rules[0].Kind) ? 0 : Math.Min(1, numbers.Count), casualty.Number);
            return numbers;
        }
    }

    public bool Is(EmergencyKind kind) => Rules.Any(r => r.Kind == kind);

    /// <summary>The hazard an urgent ticket can be filed for (fire, gas, explosion, trapped), if any.</summary>
    public EmergencyRule? Reportable => Rules.FirstOrDefault(r => r.ReportCategory is not null);
}

/// <summary>The number for someone hurt (<c>Safety/EmergencyRules.json</c>, "casualty"), and the kinds it is named first for.</summary>
internal sealed record CasualtyCall(string Number, IReadOnlySet<EmergencyKind> FirstFor);
