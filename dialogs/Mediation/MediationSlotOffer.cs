using CitizenBot.Dialogs.Prompts;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;

namespace CitizenBot.Dialogs.Mediation;

/// <summary>Offering free slots, the same way when booking and when rescheduling.</summary>
internal static class MediationSlotOffer
{
    /// <summary>
    /// Asks the citizen to pick one of <paramref name="slots"/> (remembered in the state by <paramref name="remember"/>),
    /// or, when there is none, says so with the other ways to resolve the dispute and ends the dialog.
    /// </summary>
    public static async Task<DialogTurnResult> OfferAsync<TState>(
        WaterfallStepContext<TState> step,
        IReadOnlyList<MediationSlot> slots,
        string prompt,
        Func<TState, IReadOnlyList<MediationSlot>, TState> remember,
        CancellationToken cancellationToken)
        where TState : class, new()
    {
        if (slots.Count == 0)
        {
            step.Context.SendText(Texts.MediationNoSlots + "\n" + Texts.MediationOtherWays);
            return await step.EndAsync(cancellationToken).ConfigureAwait(false);
        }

        step.State = remember(step.State, slots);
        return await step.BeginDialogAsync(
            ChoicePrompt.DefaultId,
            new PromptOptions { Prompt = prompt, Help = Texts.MediationHelpSlot, Choices = [.. slots.Select(x => new Choice(MediationDisplay.SlotLine(x)))] },
            cancellationToken).ConfigureAwait(false);
    }
}
