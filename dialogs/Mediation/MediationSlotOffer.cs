using System.Globalization;
using CitizenBot.Dialogs.Prompts;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;
using CitizenBot.Dialogs.Text;

namespace CitizenBot.Dialogs.Mediation;

/// <summary>
/// Offering mediation slots: a few at a time, not all on one half-day; 更多时间 pages on; a time asked for in words is
/// looked up among all free slots of the search window, and when it is taken the nearest free ones are offered.
/// </summary>
internal static class MediationSlotOffer
{
    /// <summary>Slots offered at once (and buttons shown).</summary>
    public const int PageSize = 5;

    /// <summary>At most this many of one half-day in one offer, so an offer spans more than one morning.</summary>
    public const int MaxPerHalfDay = 3;

    /// <summary>How many free slots are fetched to search in (the desk's window is the next working days).</summary>
    public const int MaxSearched = 500;

    /// <summary>
    /// Offers slots: the first page (no answer yet), the next page (更多时间), or those fitting a time asked for in words
    /// (the nearest free ones when none fits). A picked slot is the caller's to take.
    /// </summary>
    public static async Task<DialogTurnResult> AskOrTakeAsync<TState>(
        WaterfallStepContext<TState> step,
        Func<CancellationToken, Task<IReadOnlyList<MediationSlot>>> freeSlots,
        IReadOnlyList<MediationSlot> offered,
        string firstPrompt,
        TimeProvider time,
        Func<TState, IReadOnlyList<MediationSlot>, TState> remember,
        Func<MediationSlot, CancellationToken, Task<DialogTurnResult>> take,
        CancellationToken cancellationToken)
        where TState : class, new()
    {
        var all = await freeSlots(cancellationToken).ConfigureAwait(false);
        switch (step.Answer)
        {
            case SlotAnswer { Wish: not null } when TappedEarlier(step.Context.MatchKey, all) is { } tapped:
                // A slot's button from an earlier list, tapped again: that slot, while it is still free.
                return await take(tapped, cancellationToken).ConfigureAwait(false);
            case SlotAnswer { More: true } when offered.Count > 0:
                var later = Page(all.Where(s => s.Start > offered[^1].Start));
                return later.Count > 0
                    ? await OfferAsync(step, later, Texts.MediationMoreSlots, remember, cancellationToken).ConfigureAwait(false)
                    : await OfferAsync(step, Page(all), Texts.MediationNoMoreSlots, remember, cancellationToken).ConfigureAwait(false);
            case SlotAnswer { Wish: { } wish }:
                var fitting = all.Where(s => wish.Fits(s.Start)).ToList();
                if (fitting.Count > 0)
                {
                    return await OfferAsync(step, Page(fitting), Format(Texts.MediationSlotsWanted, MediationTimes.Describe(wish)), remember, cancellationToken).ConfigureAwait(false);
                }

                var target = wish.Target(time.GetUtcNow());
                var nearest = all.OrderBy(s => (s.Start - target).Duration()).ThenBy(s => s.Start).Take(PageSize).OrderBy(s => s.Start).ToList();
                return await OfferAsync(step, nearest, Format(Texts.MediationSlotsNearest, MediationTimes.Describe(wish)), remember, cancellationToken).ConfigureAwait(false);
            default:
                return await OfferAsync(step, Page(all), firstPrompt, remember, cancellationToken).ConfigureAwait(false);
        }
    }

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
            MediationSlotPrompt.DefaultId,
            new PromptOptions
            {
                Prompt = prompt,
                Help = Texts.MediationHelpSlot,
                Choices = [.. slots.Select(x => new Choice(MediationDisplay.SlotLine(x))), new Choice(Texts.MediationMoreSlotsButton)],
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static MediationSlot? TappedEarlier(string matchKey, IReadOnlyList<MediationSlot> free) =>
        free.FirstOrDefault(s => ChineseText.ToMatchKey(MediationDisplay.SlotLine(s)) == matchKey);

    /// <summary>The earliest slots, at most <see cref="MaxPerHalfDay"/> of one half-day, in time order.</summary>
    public static List<MediationSlot> Page(IEnumerable<MediationSlot> slots)
    {
        var perHalfDay = new Dictionary<(DateOnly, bool), int>();
        var page = new List<MediationSlot>();
        foreach (var slot in slots.OrderBy(s => s.Start))
        {
            var local = slot.Start.ToOffset(MediationTimes.ChinaOffset);
            var key = (DateOnly.FromDateTime(local.DateTime), local.Hour < 12);
            var count = perHalfDay.GetValueOrDefault(key);
            if (count >= MaxPerHalfDay)
            {
                continue;
            }

            perHalfDay[key] = count + 1;
            page.Add(slot);
            if (page.Count == PageSize)
            {
                break;
            }
        }

        return page;
    }

    private static string Format(string format, params object?[] args) => string.Format(CultureInfo.CurrentCulture, format, args);
}
