using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.Prompts;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;
using CitizenBot.Dialogs.Text;

namespace CitizenBot.Dialogs.Report;

/// <summary>
/// Asks for the report's photos, one batch at a time. Every attachment is an answer (the flow says why one is not
/// taken); "好了" / "没有了" / "跳过", or a location, ends the photo step.
/// </summary>
internal sealed class ReportPhotoPrompt(string id, string button) : Prompt<PhotoAnswer>(id, validator: null)
{
    public const string FirstId = "ReportPhotos";
    public const string MoreId = "ReportMorePhotos";

    // Besides the shared skip words: what people say when they have sent all their photos.
    private static readonly HashSet<string> DoneWords =
    [
        .. Vocabulary.Default.Skip,
        .. new[] { "好了", "好", "好的", "没有了", "没了", "完成", "完了", "发完了", "就这些", "就这些了", "下一步", "够了", "可以了" }
            .Select(ChineseText.ToMatchKey),
    ];

    protected override PromptRecognition<PhotoAnswer> Recognize(DialogContext dc, PromptOptions options)
    {
        if (dc.Activity.Attachments is { Count: > 0 } attachments)
        {
            return PromptRecognition<PhotoAnswer>.Success(new PhotoAnswer(attachments, Done: false));
        }

        // A location instead of a photo: the citizen has moved on; the flow takes the location as the next answer.
        if (dc.Activity.GetGeoCoordinates() is not null)
        {
            return PromptRecognition<PhotoAnswer>.Success(new PhotoAnswer([], Done: true));
        }

        return DoneWords.Contains(dc.MatchKey)
            ? PromptRecognition<PhotoAnswer>.Success(new PhotoAnswer([], Done: true))
            : PromptRecognition<PhotoAnswer>.Failure(Texts.ReportRetryPhoto);
    }

    protected override void SendPrompt(DialogContext dc, PromptOptions options, string? problem) =>
        dc.SendText(Question(options, problem), [button]);

    protected override string DefaultHelp(PromptOptions options) => Join(Texts.HelpPhoto, Texts.ReportPhotoDoneHint);
}

/// <summary>A batch of attachments, or <see cref="Done"/> when the citizen has no (more) photos.</summary>
internal sealed record PhotoAnswer(IReadOnlyList<Attachment> Attachments, bool Done);
