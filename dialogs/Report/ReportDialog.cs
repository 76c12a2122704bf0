using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.GridWorker;
using CitizenBot.Dialogs.Prompts;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;
using CitizenBot.Dialogs.Text;
using CitizenBot.Dialogs.Understanding;
using CitizenBot.Dialogs.Identity;
using CitizenBot.Dialogs.Flows;

namespace CitizenBot.Dialogs.Report;

/// <summary>
/// 事件上报: category → photos → location → description → contact or anonymous → possible duplicate → summary → ticket.
/// The message that starts the flow may already carry photos, a location and words (quick path); then only what is
/// missing is asked. Registered grid workers skip the contact questions: their registration is the contact.
/// </summary>
internal sealed partial class ReportDialog : WaterfallDialog<ReportState>
{
    public const string DialogId = "Report";
    public const int MaxPhotos = 9;
    public const int MaxDescriptionLength = 500;
    public const int MaxNameLength = 20;

    /// <summary>The summary shows this much of the description; the ticket keeps all of it.</summary>
    public const int SummaryDescriptionLength = 100;

    /// <summary>Fewer letters than this with a photo or location are not a description ("看", "这里").</summary>
    public const int MinQuickDescriptionLength = 4;

    /// <summary>
    /// A message this long whose category is clear is the description too ("电动车把楼梯口都塞满了"); a shorter one only
    /// names the matter ("我要举报违建") and the description is asked.
    /// </summary>
    public const int MinTextDescriptionLength = 8;

    /// <summary>Below this the likeliest category is not even offered for confirmation; the list is shown.</summary>
    private const float MinSuggestedCategoryProbability = 0.3f;

    /// <summary>The duplicate offer's options: 补充到已有工单, 关注这个工单, 仍然新建.</summary>
    private const int FollowChoice = 1;

    private const string DescriptionPromptId = "ReportDescription";
    private const string NamePromptId = "ReportName";
    private const string PhonePromptId = "ReportPhone";

    private readonly IReportDesk _desk;
    private readonly IGridWorkerRegistry _gridWorkers;
    private readonly ITicketLifecycle _lifecycle;

    public ReportDialog(IReportDesk desk, IGridWorkerRegistry gridWorkers, ITicketLifecycle lifecycle)
        : base(DialogId)
    {
        _desk = desk;
        _gridWorkers = gridWorkers;
        _lifecycle = lifecycle;
        AddDialog(new ReportPhotoPrompt(ReportPhotoPrompt.FirstId, Texts.SkipButton));
        AddDialog(new ReportPhotoPrompt(ReportPhotoPrompt.MoreId, Texts.ReportPhotosDoneButton));

        // Longer descriptions are kept, cut at MaxDescriptionLength with a note, rather than thrown back at the citizen.
        AddDialog(new TextPrompt(DescriptionPromptId, maxLength: int.MaxValue));
        AddDialog(new NamePrompt(NamePromptId, MaxNameLength, Texts.RetryPersonName, anonymousAllowed: true));
        AddDialog(new ReportContactPrompt());
        AddDialog(new PhonePrompt(PhonePromptId, acceptsLandline: true, anonymousAllowed: true));
        AddSteps(
            CategoryStepAsync,
            PhotosStepAsync,
            LocationStepAsync,
            DescriptionStepAsync,
            ContactStepAsync,
            ContactNameStepAsync,
            ContactPhoneStepAsync,
            DuplicateStepAsync,
            ConfirmStepAsync,
            SubmitStepAsync,
            OtherProblemStepAsync);
    }

    /// <summary>Fills in what the starting message carries (category words, photos, a location, a description).</summary>
    public override async Task<DialogTurnResult> BeginAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        var activity = dc.Activity;
        var reporter = Reporters.From(activity);
        var profile = await _gridWorkers.FindAsync(reporter.ChannelId, reporter.UserId, cancellationToken).ConfigureAwait(false);
        var start = options as FlowStart;
        var state = new ReportState
        {
            Role = profile is null ? ReporterRole.Resident : ReporterRole.GridWorker,
            SubmissionId = ReportSubmission.NewSubmissionId(),
            EarlierPlace = start?.Place,
        };
        state = UnderstandCategory(dc, start, state);

        var point = activity.GetGeoCoordinates();
        if (activity.Attachments is { Count: > 0 } || point is not null)
        {
            if (point is not null)
            {
                state = state with { Location = ReportLocation.FromGeo(point), LocationGiven = true };
            }

            if (activity.Attachments is { Count: > 0 } attachments)
            {
                var (accepted, notes) = await AcceptPhotosAsync(activity, state, attachments, cancellationToken).ConfigureAwait(false);
                state = accepted with { PhotosGiven = accepted.PhotoIds.Count > 0 };
                if (notes.Length > 0)
                {
                    dc.SendText(notes);
                }
            }

            if (dc.MatchKey.Length >= MinQuickDescriptionLength)
            {
                state = state with { Description = CapDescription(dc, activity.Text!.Trim()), DescriptionGiven = true };
            }
        }

        return await base.BeginAsync(dc, state, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The category from what the citizen wrote: the understanding model's when it is sure (filled in, and the message is
    /// the description), or a likely one to confirm; a taxonomy of the county's own codes is matched by its keywords.
    /// </summary>
    private ReportState UnderstandCategory(DialogContext dc, FlowStart? start, ReportState state)
    {
        if (start is null)
        {
            // Begun from the menu ("1", "事件上报"): nothing to understand yet.
            return state;
        }

        var text = start.Text;
        var key = ChineseText.ToMatchKey(text);
        var model = MessageUnderstandingFor(dc, start);
        if (start.Detail is { } chosen && Fills(chosen))
        {
            return OtherProblem(WithDescription(state with { CategoryCode = chosen, CategoryGiven = true, SuggestedCategoryCode = chosen }));
        }

        if (key.Length < MinQuickDescriptionLength)
        {
            // "看", "这里": nothing to understand.
            return state;
        }

        var details = model.DetailsOf(Intents.Report).Where(d => FindCategory(d.Label) is not null).ToList();
        if (details is [var best, ..] && model.Intent == Intents.Report && model.IsSure && best.Probability >= model.Thresholds.Detail
            && Fills(best.Label))
        {
            return OtherProblem(WithDescription(state with { CategoryCode = best.Label, CategoryGiven = true, SuggestedCategoryCode = best.Label }));
        }

        var likely = details is [var first, ..] && first.Probability >= MinSuggestedCategoryProbability && Fills(first.Label) ? first.Label : null;
        var suggested = state with { SuggestedCategoryCode = likely ?? CategoryMatcher.Find(_desk.Categories, key)?.Code };

        // A message with a likely category told the problem too, whichever category the citizen then confirms or picks.
        return suggested.SuggestedCategoryCode is null ? suggested : OtherProblem(WithDescription(suggested));

        // A category of the county's that the message may be given. Not the catch-all (the category without keywords,
        // 其他) from a message that says nothing about the problem ("我要反映个问题"): the categories are offered instead.
        bool Fills(string code) =>
            FindCategory(code) is { } category && !(category.Keywords.Count == 0 && key.Length < MinTextDescriptionLength);

        // "路灯坏了，旁边垃圾也堆了一周": a clause of its own that the models read as another category's problem is
        // offered as a second report once this one is filed; a report is one problem for the center.
        ReportState OtherProblem(ReportState filled) =>
            ReferenceEquals(model, dc.Understanding.Model) && OtherProblemIn(dc, text, filled.SuggestedCategoryCode, from: 0) is { } found
                ? filled with { OtherProblemCode = found.Code, OtherProblemText = found.Clauses[found.At].Trim() }
                : filled;

        // A message that made its category clear describes the problem too (a photo's words are read by the quick path).
        ReportState WithDescription(ReportState filled) =>
            dc.Activity.Attachments is not { Count: > 0 } && dc.Activity.GetGeoCoordinates() is null ? WithSentenceAsDescription(dc, filled, text) : filled;
    }

    /// <summary>
    /// The first clause of <paramref name="text"/>, from the <paramref name="from"/>th on, that the models read as a problem
    /// of another category than <paramref name="code"/> (not the catch-all); null when there is none.
    /// </summary>
    private (string Code, int At, string[] Clauses)? OtherProblemIn(DialogContext dc, string text, string? code, int from)
    {
        var clauses = Clauses().Split(text);
        for (var i = from; i < clauses.Length; i++)
        {
            var reading = ChineseText.ToMatchKey(clauses[i]).Length >= MinQuickDescriptionLength ? dc.Read(clauses[i]) : MessageUnderstanding.Empty;
            if (reading.Intent == Intents.Report && reading.IsSure && reading.SureDetailOf(Intents.Report) is { } other
                && other != code && FindCategory(other) is { Keywords.Count: > 0 })
            {
                return (other, i, clauses);
            }
        }

        return null;
    }

    /// <summary>A sentence long enough to describe the problem is kept as its description, and that question is not asked.</summary>
    private static ReportState WithSentenceAsDescription(DialogContext dc, ReportState state, string? text = null)
    {
        text ??= dc.Activity.Text?.Trim() ?? string.Empty;
        return ChineseText.ToMatchKey(text).Length >= MinTextDescriptionLength
            ? state with { Description = CapDescription(dc, text), DescriptionGiven = true }
            : state;
    }

    private static MessageUnderstanding MessageUnderstandingFor(DialogContext dc, FlowStart start) =>
        string.Equals(start.Text, FlowStart.Words(dc), StringComparison.Ordinal) ? dc.Understanding.Model : MessageUnderstanding.Empty;

    private Task<DialogTurnResult> CategoryStepAsync(WaterfallStepContext<ReportState> step, CancellationToken cancellationToken)
    {
        if (!step.HasAnswer && step.State.CategoryGiven && FindCategory(step.State.CategoryCode) is { } given)
        {
            // Once: 返回 from the next question comes back here and lists the categories, as the line says ("可以重新选").
            step.State = step.State with { CategoryGiven = false, SuggestedCategoryCode = null };
            step.MarkAsked();
            step.Context.SendText(Format(Texts.ReportCategoryUnderstood, given.Name));
            return step.NextAsync(cancellationToken);
        }

        switch (step.Answer)
        {
            case true:
                step.State = step.State with { CategoryCode = step.State.SuggestedCategoryCode };
                return step.NextAsync(cancellationToken);
            case false:
                step.State = step.State with { SuggestedCategoryCode = null };
                return AskCategoryAsync(step, cancellationToken);
            case FoundChoice { BySentence: true } choice:
                // A sentence read for its category ("路边有个大坑…") also describes the problem, as a first message does.
                step.State = WithSentenceAsDescription(step.Context, step.State with { CategoryCode = _desk.Categories[choice.Index].Code });
                step.Context.SendText(Format(Texts.ReportCategoryUnderstood, choice.Value));
                return step.NextAsync(cancellationToken);
            case FoundChoice choice:
                step.State = step.State with { CategoryCode = _desk.Categories[choice.Index].Code };
                return step.NextAsync(cancellationToken);
        }

        if (FindCategory(step.State.SuggestedCategoryCode) is { } suggested)
        {
            var prompt = Format(Texts.ReportConfirmCategory, suggested.Name);
            return step.BeginDialogAsync(ConfirmPrompt.DefaultId, new PromptOptions { Prompt = prompt, Help = Texts.ReportHelpConfirmCategory }, cancellationToken);
        }

        return AskCategoryAsync(step, cancellationToken);
    }

    private Task<DialogTurnResult> AskCategoryAsync(WaterfallStepContext<ReportState> step, CancellationToken cancellationToken)
    {
        var help = new StringBuilder(Texts.ReportHelpCategory);
        foreach (var category in _desk.Categories.Where(c => c.Hint is not null))
        {
            help.Append('\n').Append(category.Name).Append("：").Append(category.Hint);
        }

        return step.BeginDialogAsync(
            ChoicePrompt.DefaultId,
            new PromptOptions
            {
                Prompt = Texts.ReportAskCategory,
                Help = help.ToString(),
                Choices = [.. _desk.Categories.Select(c => new Choice(c.Name, c.Keywords, [Intents.Report + ":" + c.Code]))],
            },
            cancellationToken);
    }

    private async Task<DialogTurnResult> PhotosStepAsync(WaterfallStepContext<ReportState> step, CancellationToken cancellationToken)
    {
        if (!step.HasAnswer)
        {
            if (step.State.PhotosGiven)
            {
                return await step.NextAsync(cancellationToken).ConfigureAwait(false);
            }

            // Asked afresh (also after 返回): the photos sent before are replaced by what comes now.
            step.State = step.State with { PhotoIds = [] };
            return await step.BeginDialogAsync(
                ReportPhotoPrompt.FirstId, new PromptOptions { Prompt = Format(Texts.ReportAskPhotos, MaxPhotos) }, cancellationToken).ConfigureAwait(false);
        }

        var answer = (PhotoAnswer)step.Answer!;
        if (answer.Note is { } note)
        {
            // Written instead of a photo: more about the problem, kept with what was said before.
            var description = step.State.Description is { Length: > 0 } said ? said + "；" + note : note;
            step.State = step.State with { Description = CapDescription(step.Context, description), DescriptionGiven = true };
            step.Context.SendText(Texts.ReportNoteKept);
        }

        if (answer.Done)
        {
            if (step.Context.Activity.GetGeoCoordinates() is { } point)
            {
                step.State = step.State with { Location = ReportLocation.FromGeo(point), LocationGiven = true };
            }

            return await step.NextAsync(cancellationToken).ConfigureAwait(false);
        }

        var (state, notes) = await AcceptPhotosAsync(step.Context.Activity, step.State, answer.Attachments, cancellationToken).ConfigureAwait(false);
        step.State = state;
        if (state.PhotoIds.Count >= MaxPhotos)
        {
            step.Context.SendText(Join(notes, Format(Texts.ReportPhotosFull, MaxPhotos)));
            return await step.NextAsync(cancellationToken).ConfigureAwait(false);
        }

        var (promptId, next) = state.PhotoIds.Count == 0
            ? (ReportPhotoPrompt.FirstId, Format(Texts.ReportAskPhotosAgain, MaxPhotos))
            : (ReportPhotoPrompt.MoreId, Format(Texts.ReportPhotosReceived, state.PhotoIds.Count, MaxPhotos));
        return await step.BeginDialogAsync(promptId, new PromptOptions { Prompt = Join(notes, next), RetryPrompt = next }, cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> LocationStepAsync(WaterfallStepContext<ReportState> step, CancellationToken cancellationToken)
    {
        if (!step.HasAnswer)
        {
            if (step.State.LocationGiven && step.State.Location is { } given)
            {
                return await PlaceAsync(step, given, cancellationToken).ConfigureAwait(false);
            }

            // An address the citizen already wrote ("和平路12号的王阿姨…", or "地址不对，应该是人民路66号" at the summary) is
            // offered as a button: one tap, not typed again.
            // So is the address of the report just filed, when this one is the other problem told with it.
            var written = AddressInText.Find(step.Context.Text) ?? AddressInText.Find(step.State.Description);
            string[] buttons = [.. new[] { written, step.State.EarlierPlace }.OfType<string>().Distinct(StringComparer.Ordinal)];
            return await step.BeginDialogAsync(
                LocationPrompt.DefaultId, new PromptOptions { Prompt = Texts.ReportAskLocation, Buttons = buttons.Length == 0 ? null : buttons }, cancellationToken)
                .ConfigureAwait(false);
        }

        var answer = (LocationAnswer)step.Answer!;
        if (answer.IsSkipped)
        {
            // Only the outside-the-map question can be skipped: the citizen keeps the point as it is.
            step.Context.SendText(Texts.ReportKeepPoint);
            return await step.NextAsync(cancellationToken).ConfigureAwait(false);
        }

        var address = answer.Address;
        if (address is not null && step.State.EarlierPlace is { } earlier && Vocabulary.Default.SamePlace.Contains(ChineseText.ToMatchKey(address)))
        {
            // "一样的地方", "还是那里": where the report just filed was.
            address = earlier;
        }
        else if (address is not null)
        {
            (address, var other) = SplitAddressAnswer(step.Context, step.State, address);
            if (other is { } problem)
            {
                step.State = step.State with { OtherProblemCode = problem.Code, OtherProblemText = problem.Text };
                step.Context.SendText(Format(Texts.ReportOtherProblemNoted, FindCategory(problem.Code)!.Name));
            }
        }

        var location = answer.Point is { } point ? ReportLocation.FromGeo(point) : new ReportLocation(null, null, Address: address);
        step.State = step.State with { LocationFromPhoto = false };
        return await PlaceAsync(step, location, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The address in an answer to the address question, without what else the citizen said there: "不是说了吗" before it,
    /// and another problem after it ("长江路菜市场门口，对了 旁边消防栓也被撞歪了"), returned to be reported on its own.
    /// </summary>
    private (string Address, (string Code, string Text)? Other) SplitAddressAnswer(DialogContext dc, ReportState state, string written)
    {
        var address = SaidBefore.Remove(written);
        address = ChineseText.ToMatchKey(address).Length >= LocationPrompt.MinPlaceLength ? address : written;
        if (state.OtherProblemCode is null && OtherProblemIn(dc, address, state.CategoryCode, from: 1) is { } found)
        {
            var before = string.Join('，', found.Clauses[..found.At]).Trim();
            if (ChineseText.ToMatchKey(before).Length >= LocationPrompt.MinPlaceLength)
            {
                return (before, (found.Code, found.Clauses[found.At].Trim()));
            }
        }

        return (address.Trim(), null);
    }

    private async Task<DialogTurnResult> PlaceAsync(WaterfallStepContext<ReportState> step, ReportLocation location, CancellationToken cancellationToken)
    {
        var place = await _desk.LocateAsync(location, cancellationToken).ConfigureAwait(false);
        step.State = step.State with { Location = location, Place = place };
        if (place is not null)
        {
            step.Context.SendText(Format(Texts.ReportLocated, PlaceName(place)));
            return await step.NextAsync(cancellationToken).ConfigureAwait(false);
        }

        if (!location.HasCoordinates)
        {
            // A typed address the grid map cannot place: the center places it when it dispatches.
            return await step.NextAsync(cancellationToken).ConfigureAwait(false);
        }

        return await step.BeginDialogAsync(
            LocationPrompt.DefaultId, new PromptOptions { Prompt = Texts.ReportOutsideGrid, Optional = true }, cancellationToken).ConfigureAwait(false);
    }

    private Task<DialogTurnResult> DescriptionStepAsync(WaterfallStepContext<ReportState> step, CancellationToken cancellationToken)
    {
        if (!step.HasAnswer)
        {
            if (step.State.DescriptionGiven)
            {
                return step.NextAsync(cancellationToken);
            }

            var hint = FindCategory(step.State.CategoryCode)?.Hint;
            return step.BeginDialogAsync(
                DescriptionPromptId,
                new PromptOptions { Prompt = Format(Texts.ReportAskDescription, MaxDescriptionLength), Help = hint ?? Texts.ReportHelpDescription },
                cancellationToken);
        }

        step.State = step.State with { Description = CapDescription(step.Context, (string)step.Answer!) };
        return step.NextAsync(cancellationToken);
    }

    private Task<DialogTurnResult> ContactStepAsync(WaterfallStepContext<ReportState> step, CancellationToken cancellationToken)
    {
        if (step.State.Role == ReporterRole.GridWorker)
        {
            return step.NextAsync(cancellationToken);
        }

        return step.AskAsync<ContactAnswer>(
            ReportContactPrompt.DefaultId,
            ReportContactPrompt.Asking,
            // A mobile number the citizen already wrote into the description is their number: not asked again.
            (s, answer) => s with
            {
                Anonymous = answer.Anonymous,
                ContactName = null,
                // Not when the contact is being changed (a name was given before): that number may be the wrong one.
                ContactPhone = answer.Phone ?? (answer.Anonymous || s.ContactName is not null ? null : MobileNumber.Find(s.Description ?? string.Empty)),
            },
            cancellationToken);
    }

    private Task<DialogTurnResult> ContactNameStepAsync(WaterfallStepContext<ReportState> step, CancellationToken cancellationToken) =>
        NeedsContact(step.State)
            ? step.AskAsync<string>(
                NamePromptId,
                new PromptOptions { Prompt = Texts.ReportAskName },
                (s, name) => name == AnonymousWish.Answer
                    ? Anonymously(s)
                    : s with { ContactName = name, ContactPhone = s.ContactPhone ?? MobileNumber.Find(step.Context.Text) },
                cancellationToken)
            : step.NextAsync(cancellationToken);

    private Task<DialogTurnResult> ContactPhoneStepAsync(WaterfallStepContext<ReportState> step, CancellationToken cancellationToken) =>
        NeedsContact(step.State) && (step.HasAnswer || step.State.ContactPhone is null)
            ? step.AskAsync<string>(
                PhonePromptId,
                new PromptOptions { Prompt = Texts.ReportAskPhone },
                (s, phone) => phone == AnonymousWish.Answer ? Anonymously(s) : s with { ContactPhone = phone },
                cancellationToken)
            : step.NextAsync(cancellationToken);

    /// <summary>"算了还是匿名吧" at the name or phone question: the report goes without a contact after all.</summary>
    private static ReportState Anonymously(ReportState s) => s with { Anonymous = true, ContactName = null, ContactPhone = null };

    private async Task<DialogTurnResult> DuplicateStepAsync(WaterfallStepContext<ReportState> step, CancellationToken cancellationToken)
    {
        if (step.Answer is FoundChoice choice)
        {
            if (choice.Index == FollowChoice && step.State is { DuplicateTicketId: { } followed, DuplicateNumber: { } number })
            {
                // 关注: no ticket of their own; the existing one's later statuses reach them, the center counts one more.
                var outcome = await _lifecycle.FollowAsync(Reporters.From(step.Context.Activity, step.State.Role), followed, cancellationToken).ConfigureAwait(false);
                step.Context.SendText(Format(
                    outcome switch
                    {
                        FollowOutcome.Following => Texts.ReportFollowed,
                        FollowOutcome.AlreadyFollowing => Texts.ReportFollowAlready,
                        FollowOutcome.OwnTicket => Texts.ReportFollowOwn,
                        _ => Texts.ReportFollowUnavailable,
                    },
                    number));
                return await step.EndAsync(cancellationToken).ConfigureAwait(false);
            }

            step.State = step.State with { Supplement = choice.Index == 0 };
            return await step.NextAsync(cancellationToken).ConfigureAwait(false);
        }

        step.State = step.State with { DuplicateTicketId = null, DuplicateNumber = null, Supplement = false };
        var duplicate = step.State is { CategoryCode: { } code, Location: { } location }
            ? await _desk.FindPossibleDuplicateAsync(code, location, cancellationToken).ConfigureAwait(false)
            : null;
        if (duplicate is null)
        {
            return await step.NextAsync(cancellationToken).ConfigureAwait(false);
        }

        step.State = step.State with { DuplicateTicketId = duplicate.TicketId, DuplicateNumber = duplicate.Number };
        var prompt = Format(Texts.ReportDuplicateFound, duplicate.Number, TicketDisplay.Time(duplicate.CreatedAt), duplicate.Status.Display());
        return await step.BeginDialogAsync(
            ChoicePrompt.DefaultId,
            new PromptOptions
            {
                Prompt = prompt,
                Help = Texts.ReportHelpDuplicate,
                Choices =
                [
                    new Choice(Texts.ReportDuplicateSupplement, ["补充", "已有"]),
                    new Choice(Texts.ReportDuplicateFollow, ["关注", "跟进"]),
                    new Choice(Texts.ReportDuplicateNew, ["新建", "新的"]),
                ],
            },
            cancellationToken).ConfigureAwait(false);
    }

    private Task<DialogTurnResult> ConfirmStepAsync(WaterfallStepContext<ReportState> step, CancellationToken cancellationToken)
    {
        var parts = Parts(step.State);
        switch (step.Answer)
        {
            case SummaryAnswer { Confirmed: true }:
                return step.NextAsync(cancellationToken);
            case SummaryAnswer { Confirmed: false }:
                return step.BeginDialogAsync(
                    SummaryPrompt.DefaultId, new PromptOptions { Prompt = Texts.ReportNotConfirmed, Help = Texts.ReportHelpConfirm, Choices = parts }, cancellationToken);
            case SummaryAnswer { Part: { } part }:
                return AmendAsync(step, parts[part], cancellationToken);
            case FoundChoice choice:
                return AmendAsync(step, parts[choice.Index], cancellationToken);
            case SummaryAnswer:
                return step.BeginDialogAsync(ChoicePrompt.DefaultId, new PromptOptions { Prompt = Texts.AmendWhich, Choices = parts }, cancellationToken);
        }

        return step.BeginDialogAsync(
            SummaryPrompt.DefaultId, new PromptOptions { Prompt = Summary(step.State), Help = Texts.ReportHelpConfirm, Choices = parts }, cancellationToken);
    }

    /// <summary>
    /// The parts of a report that can be changed from its summary, in the summary's order (<see cref="SummaryPart"/>), with
    /// the words that name them; a grid worker's report has no contact part.
    /// </summary>
    private static Choice[] Parts(ReportState state) =>
        state.Role == ReporterRole.GridWorker ? [.. AllParts.Take((int)SummaryPart.Contact)] : AllParts;

    private static readonly Choice[] AllParts =
    [
        new(Texts.ReportPartCategory, ["分类", "类型", "种类"]),
        new(Texts.ReportPartPhotos, ["图片", "相片", "图"]),
        new(Texts.ReportPartLocation, ["地址", "地点", "定位", "门牌", "地方"]),
        new(Texts.ReportPartDescription, ["内容", "情况", "说明"]),
        new(Texts.ReportPartContact, ["联系人", "电话", "手机", "号码", "姓名", "名字", "匿名"]),
    ];

    /// <summary>The index of each part in <see cref="AllParts"/>.</summary>
    private enum SummaryPart
    {
        Category,
        Photos,
        Location,
        Description,
        Contact,
    }

    /// <summary>
    /// Asks one part again (its own question, as the first time) and comes back to the summary; a new category or place
    /// first goes through the check for an open ticket on the same problem.
    /// </summary>
    private Task<DialogTurnResult> AmendAsync(WaterfallStepContext<ReportState> step, Choice part, CancellationToken cancellationToken)
    {
        var s = step.State;
        var changed = (SummaryPart)Array.IndexOf(AllParts, part);
        if (changed == SummaryPart.Contact && s.ContactName is not null && MobileNumber.Find(step.Context.Text) is { } phone)
        {
            // "电话换成139…": the new number is in the message; nothing to ask.
            step.State = s with { ContactPhone = phone, Anonymous = false };
            step.Context.SendText(Format(Texts.AmendedPhone, TicketDisplay.MaskPhone(phone)));
            return step.RepeatAsync(cancellationToken);
        }

        // "描述改成：井盖丢了三天了", "地址写错了 是解放路和人民路交叉口": the new value is in the message; nothing to ask.
        if (changed is SummaryPart.Location or SummaryPart.Description && CorrectedValue(step.Context.Text) is { } value)
        {
            if (changed == SummaryPart.Description)
            {
                step.State = s with { Description = value, DescriptionGiven = true };
                step.Context.SendText(Format(Texts.AmendedDescription, value));
                return step.RepeatAsync(cancellationToken);
            }

            step.State = s with { Location = new ReportLocation(null, null, Address: value), LocationGiven = true, LocationFromPhoto = false };
            step.Context.SendText(Format(Texts.AmendedLocation, value));
            return step.AmendAsync(LocationStepAsync, LocationStepAsync, DuplicateStepAsync, cancellationToken);
        }

        step.Context.SendText(Format(Texts.Amending, part.Value));
        step.State = changed switch
        {
            SummaryPart.Category => s with { CategoryGiven = false, SuggestedCategoryCode = null },
            SummaryPart.Photos => s with { PhotosGiven = false },
            SummaryPart.Location => s with { LocationGiven = false, LocationFromPhoto = false },
            SummaryPart.Description => s with { DescriptionGiven = false },
            _ => s,
        };
        return changed switch
        {
            SummaryPart.Category => step.AmendAsync(CategoryStepAsync, CategoryStepAsync, DuplicateStepAsync, cancellationToken),
            SummaryPart.Photos => step.AmendAsync(PhotosStepAsync, PhotosStepAsync, ConfirmStepAsync, cancellationToken),
            SummaryPart.Location => step.AmendAsync(LocationStepAsync, LocationStepAsync, DuplicateStepAsync, cancellationToken),
            SummaryPart.Description => step.AmendAsync(DescriptionStepAsync, DescriptionStepAsync, ConfirmStepAsync, cancellationToken),
            _ => step.AmendAsync(ContactStepAsync, ContactPhoneStepAsync, ConfirmStepAsync, cancellationToken),
        };
    }

    /// <summary>The new value a correction at the summary gives after "改成", "应该是", "写错了，是" …; null when it gives none.</summary>
    private static string? CorrectedValue(string text) =>
        CorrectionValue().Match(text) is { Success: true } match && match.Groups["value"].Value.Trim().TrimEnd('。', '.', '！', '!') is { Length: >= 2 } value
            ? value
            : null;

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:改成|改为|换成|应该是|应该在|应为|正确的是|实际是|其实是|错了[，,。\s]*(?:是|在))[：:，,\s]*(?<value>\S.*)$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex CorrectionValue();

    private async Task<DialogTurnResult> SubmitStepAsync(WaterfallStepContext<ReportState> step, CancellationToken cancellationToken)
    {
        var s = step.State;
        var submission = new ReportSubmission(
            Reporters.From(step.Context.Activity, s.Role),
            s.CategoryCode!,
            SentDescription(s),
            s.PhotoIds,
            s.Location!,
            s.Anonymous,
            s.ContactName,
            s.ContactPhone,
            SubmissionId: s.SubmissionId,
            RoleFromRegistry: true);
        var supplement = s is { Supplement: true, DuplicateTicketId: not null };
        var receipt = supplement
            ? await _desk.SupplementAsync(s.DuplicateTicketId!, submission, cancellationToken).ConfigureAwait(false)
            : await _desk.SubmitAsync(submission, cancellationToken).ConfigureAwait(false);
        var text = supplement
            ? Format(Texts.ReportSupplemented, receipt.Number)
            : receipt.DueAt is { } due
                ? Format(Texts.ReportSubmittedDue, receipt.Number, TicketDisplay.Due(due))
                : Format(Texts.ReportSubmitted, receipt.Number);
        var place = receipt.Place is { } located ? PlaceName(located) : LocationText(s);
        var dueLine = supplement || receipt.DueAt is not { } answerBy ? null : TicketDisplay.DueLine(answerBy);
        var view = new TicketReceiptView(receipt.Number, FindCategory(s.CategoryCode)?.Name ?? string.Empty, place, receipt.PhotoUrl, supplement, text) { DueLine = dueLine };
        step.Context.SendCard(view.ToReply());

        return await step.NextAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>After the receipt: the other problem the first message told, offered as a report of its own.</summary>
    private async Task<DialogTurnResult> OtherProblemStepAsync(WaterfallStepContext<ReportState> step, CancellationToken cancellationToken)
    {
        // Not when the citizen filed this report in that category after all: it was the same problem.
        if (step.State is not { OtherProblemCode: { } code, OtherProblemText: { } text } || code == step.State.CategoryCode
            || FindCategory(code) is not { } other || step.Answer is false)
        {
            return await step.EndAsync(cancellationToken).ConfigureAwait(false);
        }

        if (step.Answer is true)
        {
            var place = step.State.Location is { Address: { Length: > 0 } address } ? address : null;
            await step.EndAsync(cancellationToken).ConfigureAwait(false);
            return await step.Context.BeginDialogAsync(DialogId, new FlowStart(text, code, place), cancellationToken).ConfigureAwait(false);
        }

        return await step.BeginDialogAsync(
            ConfirmPrompt.DefaultId, new PromptOptions { Prompt = Format(Texts.ReportOtherProblem, other.Name, text) }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes a batch of attachments through the desk; returns the new state and what to tell the citizen.</summary>
    private async Task<(ReportState State, string Notes)> AcceptPhotosAsync(
        Activity activity, ReportState state, IReadOnlyList<Attachment> attachments, CancellationToken cancellationToken)
    {
        var reporter = Reporters.From(activity, state.Role);
        var ids = new List<string>(state.PhotoIds);
        var notes = new List<string>();
        for (var i = 0; i < attachments.Count; i++)
        {
            if (ids.Count >= MaxPhotos)
            {
                notes.Add(Format(Texts.ReportPhotosOverLimit, attachments.Count - i, MaxPhotos));
                break;
            }

            var intake = attachments[i].IsImage
                ? await _desk.AcceptPhotoAsync(attachments[i], reporter, cancellationToken).ConfigureAwait(false)
                : new PhotoIntake(null, PhotoRejection.NotAnImage);
            if (intake.Accepted)
            {
                ids.Add(intake.PhotoId!);
                if (intake.GpsLocation is { } gps && state.Location is null)
                {
                    state = state with { Location = ReportLocation.FromGeo(gps), LocationGiven = true, LocationFromPhoto = true };
                    notes.Add(Texts.ReportPhotoGps);
                }

                continue;
            }

            var reason = intake.Rejection switch
            {
                PhotoRejection.NotAnImage => Texts.ReportPhotoNotImage,
                PhotoRejection.TooLarge => Texts.ReportPhotoTooLarge,
                _ => Texts.ReportPhotoUnreadable,
            };
            notes.Add(attachments.Count == 1 ? Format(Texts.ReportPhotoRejected, reason) : Format(Texts.ReportPhotoRejectedNth, i + 1, reason));
        }

        return (state with { PhotoIds = ids }, string.Join('\n', notes));
    }

    private string Summary(ReportState s)
    {
        var text = new StringBuilder(Texts.ReportSummaryTitle);
        text.Append('\n').Append(Format(Texts.ReportSummaryCategory, FindCategory(s.CategoryCode)?.Name));
        text.Append('\n').Append(Format(Texts.ReportSummaryPhotos, s.PhotoIds.Count));
        text.Append('\n').Append(Format(Texts.ReportSummaryLocation, LocationText(s)));
        var description = SentDescription(s);
        var shown = description.Length > SummaryDescriptionLength ? TicketDisplay.Cap(description, SummaryDescriptionLength) + "…" : description;
        text.Append('\n').Append(Format(Texts.ReportSummaryDescription, shown));
        var contact = s switch
        {
            { Role: ReporterRole.GridWorker } => Texts.ReportSummaryGridWorker,
            { Anonymous: true } => Texts.ReportContactAnonymous,
            _ => s.ContactName + " " + TicketDisplay.MaskPhone(s.ContactPhone ?? string.Empty),
        };
        text.Append('\n').Append(Format(Texts.ReportSummaryContact, contact));
        if (s is { Supplement: true, DuplicateNumber: { } number })
        {
            text.Append('\n').Append(Format(Texts.ReportSummarySupplement, number));
        }

        return text.Append('\n').Append(s.Supplement ? Texts.ReportSummaryAskSupplement : Texts.ReportSummaryAsk).ToString();
    }

    private static string LocationText(ReportState s)
    {
        var where = s.Location?.Address ?? (s.Location is { HasCoordinates: true } ? (s.LocationFromPhoto ? Texts.ReportPhotoPoint : Texts.ReportSentPoint) : string.Empty);
        return s.Place is { } place ? Format(Texts.ReportLocationWithPlace, where, PlaceName(place)) : where;
    }

    private static string PlaceName(GridPlace place) => place.Street + place.Community + " " + place.GridName;

    /// <summary>
    /// The description as the center will get it: an anonymous report does not carry the phone number the citizen may have
    /// typed into it ("我叫… 133…，楼下饭店…").
    /// </summary>
    private static string SentDescription(ReportState s) =>
        s.Anonymous ? MobileNumber.Hide(s.Description ?? string.Empty, Texts.ReportNumberHidden) : s.Description ?? string.Empty;

    private static bool NeedsContact(ReportState s) => s is { Role: ReporterRole.Resident, Anonymous: false };

    private static string CapDescription(DialogContext dc, string text)
    {
        if (text.Length <= MaxDescriptionLength)
        {
            return text;
        }

        dc.SendText(Format(Texts.ReportDescriptionCut, MaxDescriptionLength));
        return TicketDisplay.Cap(text, MaxDescriptionLength);
    }

    private ReportCategory? FindCategory(string? code) =>
        code is null ? null : _desk.Categories.FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.Ordinal));

    private static string Join(string first, string second) => first.Length == 0 ? second : first + "\n" + second;

    private static string Format(string format, params object?[] args) => string.Format(CultureInfo.CurrentCulture, format, args);

    [GeneratedRegex(@"[，,。！!？?；;\n]+|还有|另外", RegexOptions.CultureInvariant)]
    private static partial Regex Clauses();

}
