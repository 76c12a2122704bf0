using System.Globalization;
using System.Text;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;
using Microsoft.Extensions.Options;

namespace CitizenBot.Dialogs.Privacy;

/// <summary>
/// Serves "我的信息" (what the bot keeps, then the question again) and "删除我的信息" (the flow in progress ends, the
/// erasure flow begins) at any step.
/// </summary>
internal sealed class PersonalDataHandler(IPersonalDataDesk desk, IOptions<DialogsOptions> options)
{
    /// <summary>True when the message was one of the two commands and has been served.</summary>
    public async Task<bool> TryHandleAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        switch (PersonalDataCommands.Recognize(dc.MatchKey))
        {
            case PersonalDataCommand.Show:
                var summary = await desk.DescribeAsync(DataSubjects.From(dc.Activity), cancellationToken).ConfigureAwait(false);
                dc.SendText(Describe(summary));
                await dc.RepromptAsync(cancellationToken).ConfigureAwait(false);
                return true;

            case PersonalDataCommand.Erase:
                await dc.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
                await dc.BeginDialogAsync(EraseMyDataDialog.DialogId, null, cancellationToken).ConfigureAwait(false);
                return true;

            default:
                return false;
        }
    }

    private string Describe(PersonalDataSummary summary)
    {
        if (!summary.Available)
        {
            return string.Format(CultureInfo.CurrentCulture, Texts.MyDataUnavailable, options.Value.HumanHotline);
        }

        var text = new StringBuilder(Texts.MyDataHeader);
        Line(text, summary.TicketNumbers.Count == 0
            ? Texts.MyDataNoTickets
            : Format(Texts.MyDataTickets, summary.TicketNumbers.Count, string.Join('、', summary.TicketNumbers), summary.TicketsWithContact));
        Line(text, summary.BookingNumbers.Count == 0
            ? Texts.MyDataNoBookings
            : Format(Texts.MyDataBookings, summary.BookingNumbers.Count, string.Join('、', summary.BookingNumbers)));
        if (summary.GridWorker is { } worker)
        {
            Line(text, Format(Texts.MyDataGridWorker, worker));
        }

        if (summary.UnsentPhotos > 0)
        {
            Line(text, Format(Texts.MyDataUnsentPhotos, summary.UnsentPhotos));
        }

        Line(text, summary.KeepsAddress ? Texts.MyDataAddress : Texts.MyDataConversation);
        if (summary.RetentionDays is { } days)
        {
            Line(text, Format(Texts.MyDataRetention, days));
        }

        Line(text, Texts.MyDataHowToErase);
        return text.ToString();
    }

    private static void Line(StringBuilder text, string line) => text.Append('\n').Append(line);

    private static string Format(string format, params object[] values) => string.Format(CultureInfo.CurrentCulture, format, values);
}
