using CitizenBot.Bot.Ticketing.Tickets;
using CitizenBot.Channels.Activities;
using CitizenBot.Channels.DirectLine;
using CitizenBot.Channels.Privacy;
using CitizenBot.Channels.WeChat;
using CitizenBot.Dialogs.Interruptions;
using CitizenBot.Dialogs.Report;
using CitizenBot.Dialogs.Identity;
using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.Handoff;

/// <summary>
/// "人工" by channel: WeChat hands the conversation to the account's customer-service desk;
/// the web offers a call-back, a 求助 ticket carrying the conversation so far (read from the Direct Line log, so no
/// citizen text is kept anywhere new); any other channel gets the hotline.
/// </summary>
internal sealed partial class ChannelHumanHandoff(
    IReportDesk desk,
    IDirectLineConversationStore directLine,
    IOptions<HandoffOptions> options,
    IOptions<TicketingOptions> ticketing,
    ILogger<ChannelHumanHandoff> logger) : IHumanHandoff
{
    /// <summary>The 诉求类型 code of 求助 in the center contract (see the taxonomy file).</summary>
    public const string HelpType = "help";

    /// <summary>The ticket's opening line, for the person at the center who reads it.</summary>
    public const string CallbackHeading = "【人工回电】市民在网页对话中请求人工服务，请按联系电话回电。以下是最近的对话（手机号、证件号已遮盖）：";

    public Task<HandoffOutcome> RequestAsync(ConversationReference? conversation, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var outcome = conversation?.ChannelId switch
        {
            WeChatDefaults.ChannelId when settings.WeChatTransfer => HandoffOutcome.Transferred,
            DirectLineDefaults.ChannelId when settings.WebCallback => HandoffOutcome.Callback,
            _ => HandoffOutcome.HotlineOnly,
        };
        return Task.FromResult(outcome);
    }

    public async Task<string> RequestCallbackAsync(ConversationReference? conversation, string mobile, string submissionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var settings = options.Value;
        var budget = Math.Min(settings.TranscriptMaxLength, ticketing.Value.MaxDescriptionLength - CallbackHeading.Length - 1);
        var transcript = ConversationTranscript.Compose(await ReadLogAsync(conversation, cancellationToken).ConfigureAwait(false), settings.TranscriptLines, budget);
        var submission = new ReportSubmission(
            new Reporter(conversation.ChannelId, conversation.UserId, conversation.ConversationId),
            settings.CallbackCategoryCode,
            transcript.Length == 0 ? CallbackHeading : CallbackHeading + "\n" + transcript,
            PhotoIds: [],
            new ReportLocation(null, null),
            Anonymous: false,
            ContactName: null,
            ContactPhone: mobile,
            Type: HelpType,
            SubmissionId: submissionId);
        var receipt = await desk.SubmitAsync(submission, cancellationToken).ConfigureAwait(false);
        LogCallback(logger, receipt.Number, PersonalData.MaskUserId(conversation.UserId));
        return receipt.Number;
    }

    private async Task<IReadOnlyList<Activity>> ReadLogAsync(ConversationReference conversation, CancellationToken cancellationToken)
    {
        if (conversation.ChannelId != DirectLineDefaults.ChannelId
            || await directLine.FindAsync(conversation.ConversationId, cancellationToken).ConfigureAwait(false) is null)
        {
            return [];
        }

        var page = await directLine.ReadAsync(conversation.ConversationId, 0, cancellationToken).ConfigureAwait(false);
        return page.Activities.Select(ActivityJson.Deserialize).OfType<Activity>().ToList();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call-back ticket {Number} requested by {User}")]
    private static partial void LogCallback(ILogger logger, string number, string user);
}
