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

    /// <summary>Shorter text is a word for the photos ("好了", "没拍"), not more about the problem.</summary>
    private const int MinNoteLength = 5;

    // Said anywhere in the message, these mean there is no photo to send ("没带手机拍，跳过吧").
    private static readonly string[] NoPhotoWords =
        [.. new[] { "跳过", "没照片", "没有照片", "拍不了", "没法拍", "不方便拍", "不拍了", "没拍", "没带手机", "不用拍" }.Select(ChineseText.ToMatchKey)];

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

        if (DoneWords.Contains(dc.MatchKey) || ChineseText.HoldsAny(dc.MatchKey, NoPhotoWords))
        {
            return PromptRecognition<PhotoAnswer>.Success(new PhotoAnswer([], Done: true));
        }

        // More about the problem instead of a photo ("物业也不管呢"): kept with the description, and the flow goes on. A
        // question or another matter (法律咨询, "那可以起诉吗") is not a note: the prompt hands those on.
        var text = dc.Activity.Text?.Trim() ?? string.Empty;
        return dc.MatchKey.Length >= MinNoteLength && !Questions.IsQuestion(text) && ChangeOfSubject.In(dc) is null
            ? PromptRecognition<PhotoAnswer>.Success(new PhotoAnswer([], Done: true, Note: text))
            : PromptRecognition<PhotoAnswer>.Failure(Texts.ReportRetryPhoto);
    }

    protected override bool ListensForOtherSubjects => true;

    protected override void SendPrompt(DialogContext dc, PromptOptions options, string? problem) =>
        dc.SendText(Question(options, problem), [button]);

    protected override string DefaultHelp(PromptOptions options) => Join(Texts.HelpPhoto, Texts.ReportPhotoDoneHint);
}

/// <summary>
/// A batch of attachments, or <see cref="Done"/> when the citizen has no (more) photos; <see cref="Note"/>: what they
/// wrote about the problem instead.
/// </summary>
internal sealed record PhotoAnswer(IReadOnlyList<Attachment> Attachments, bool Done, string? Note = null);
