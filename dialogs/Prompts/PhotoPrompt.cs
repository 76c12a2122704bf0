using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;
using CitizenBot.Dialogs.Text;

namespace CitizenBot.Dialogs.Prompts;

/// <summary>
/// Asks for photos: the answer is the message's <c>image/*</c> attachments. When <see cref="PromptOptions.Optional"/>,
/// "跳过"/"没有" answers with no photos.
/// </summary>
internal sealed class PhotoPrompt(string id = PhotoPrompt.DefaultId, PromptValidator<IReadOnlyList<Attachment>>? validator = null)
    : Prompt<IReadOnlyList<Attachment>>(id, validator)
{
    public const string DefaultId = nameof(PhotoPrompt);

    protected override PromptRecognition<IReadOnlyList<Attachment>> Recognize(DialogContext dc, PromptOptions options)
    {
        var attachments = dc.Activity.Attachments ?? [];
        var images = attachments.Where(a => a.IsImage).ToList();
        if (images.Count > 0)
        {
            return PromptRecognition<IReadOnlyList<Attachment>>.Success(images);
        }

        if (attachments.Count > 0)
        {
            return PromptRecognition<IReadOnlyList<Attachment>>.Failure(Texts.RetryPhotoNotImage);
        }

        return options.Optional && Vocabulary.Default.Skip.Contains(dc.MatchKey)
            ? PromptRecognition<IReadOnlyList<Attachment>>.Success([])
            : PromptRecognition<IReadOnlyList<Attachment>>.Failure(Texts.RetryPhotoMissing);
    }

    protected override void SendPrompt(DialogContext dc, PromptOptions options, string? problem)
    {
        if (options.Optional)
        {
            dc.SendText(Join(Question(options, problem), Texts.SkipHint), [Texts.SkipButton]);
        }
        else
        {
            dc.SendText(Question(options, problem));
        }
    }

    protected override string DefaultHelp(PromptOptions options) => options.Optional ? Join(Texts.HelpPhoto, Texts.SkipHint) : Texts.HelpPhoto;
}
