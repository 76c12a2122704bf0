using System.Globalization;
using CitizenBot.Dialogs.Prompts;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;
using Microsoft.Extensions.Options;

namespace CitizenBot.Dialogs.Privacy;

/// <summary>
/// 删除我的信息: says what will be deleted and that the center keeps its own copy, asks once to confirm, erases through
/// <see cref="IPersonalDataDesk"/>, and empties this conversation's saved state.
/// </summary>
internal sealed class EraseMyDataDialog : WaterfallDialog<EraseMyDataState>
{
    public const string DialogId = "EraseMyData";

    private readonly IPersonalDataDesk _desk;
    private readonly IOptions<DialogsOptions> _options;

    public EraseMyDataDialog(IPersonalDataDesk desk, IOptions<DialogsOptions> options)
        : base(DialogId)
    {
        _desk = desk;
        _options = options;
        AddSteps(ConfirmStepAsync, EraseStepAsync);
    }

    private static Task<DialogTurnResult> ConfirmStepAsync(WaterfallStepContext<EraseMyDataState> step, CancellationToken cancellationToken) =>
        step.AskAsync<bool>(
            ConfirmPrompt.DefaultId,
            new PromptOptions { Prompt = Texts.MyDataEraseConfirm, Help = Texts.MyDataEraseHelp },
            (s, yes) => s with { Confirmed = yes },
            cancellationToken);

    private async Task<DialogTurnResult> EraseStepAsync(WaterfallStepContext<EraseMyDataState> step, CancellationToken cancellationToken)
    {
        var dc = step.Context;
        if (!step.State.Confirmed)
        {
            dc.SendText(Texts.MyDataEraseKept);
            return await step.EndAsync(cancellationToken).ConfigureAwait(false);
        }

        var erasure = await _desk.EraseAsync(DataSubjects.From(dc.Activity), cancellationToken).ConfigureAwait(false);
        if (!erasure.Done)
        {
            dc.SendText(string.Format(CultureInfo.CurrentCulture, Texts.MyDataUnavailable, _options.Value.HumanHotline));
            return await step.EndAsync(cancellationToken).ConfigureAwait(false);
        }

        // This conversation's own state goes too: flows in progress, the greeting mark, the abuse counters, a parked flow.
        dc.State.Values.Clear();
        dc.SendText(string.Format(
            CultureInfo.CurrentCulture, Texts.MyDataErased, erasure.TicketsAnonymised, erasure.BookingsAnonymised, erasure.PhotosDeleted,
            erasure.GridWorkerDeleted ? Texts.MyDataErasedGridWorker : string.Empty));
        return await step.EndAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>The erasure's one answer (saved as JSON between turns).</summary>
internal sealed record EraseMyDataState
{
    public bool Confirmed { get; init; }
}
