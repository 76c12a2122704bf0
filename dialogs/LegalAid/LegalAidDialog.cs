using System.Globalization;
using System.Text;
using CitizenBot.Dialogs.Prompts;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;
using CitizenBot.Dialogs.Understanding;
using CitizenBot.Dialogs.Flows;
using Microsoft.Extensions.Options;

namespace CitizenBot.Dialogs.LegalAid;

/// <summary>
/// 法律咨询: a conversation, not a form. The citizen asks; the answer cites the statute articles it rests on, says it is
/// not a lawyer's opinion and offers next steps as buttons. Anything typed that is not a next step is a follow-up
/// question, answered with the previous question as its context, so the flow loops until the citizen leaves; thanks ends
/// it, a greeting is not searched for, and a sentence about another matter (a report) sets it aside.
/// Next steps: the legal-aid eligibility check, mediation (the Mediation flow when it is registered, otherwise the
/// people's mediation committee and 12348), reporting (the Report flow) and the hotlines.
/// </summary>
internal sealed class LegalAidDialog : Dialog
{
    public const string DialogId = "LegalAid";

    /// <summary>The menu intents the next steps hand over to, when those flows are registered.</summary>
    internal const string MediationIntent = "mediation";
    internal const string ReportIntent = "report";

    /// <summary>A follow-up this long with a clear legal topic of its own is a new question under that topic.</summary>
    private const int MinOwnQuestionLength = 12;

    /// <summary>A longer message at a next-step question is a follow-up, even if it contains a button's words.</summary>
    private const int MaxNextStepKeyLength = 8;

    // Words that only say "I want legal advice": an opening message made of them is not yet a question.
    private static readonly string[] OpeningFiller = ["我想", "我要", "想", "要", "咨询", "法律", "问题", "请问", "一下", "律师", "帮忙", "你好", "您好", "个"];

    private readonly ILegalAdvisor _advisor;
    private readonly LegalAidOptions _options;
    private readonly string _humanHotline;
    private readonly IReadOnlyList<MenuEntry> _entries;

    public LegalAidDialog(ILegalAdvisor advisor, IOptions<LegalAidOptions> options, IOptions<DialogsOptions> dialogsOptions, IEnumerable<MenuEntry> entries)
        : base(DialogId)
    {
        _advisor = advisor;
        _options = options.Value;
        _humanHotline = dialogsOptions.Value.HumanHotline;
        _entries = [.. entries];
        AddDialog(new EligibilityDialog(options));
    }

    public override Task<DialogTurnResult> BeginAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        var instance = Active(dc);
        var (question, topic) = options is FlowStart start ? (start.Text, start.Detail) : (dc.Text, null);
        if (IsOpeningQuestion(CitizenBot.Dialogs.Text.ChineseText.ToMatchKey(question)))
        {
            return AnswerAsync(dc, instance, question, previousQuestion: null, topic, cancellationToken);
        }

        Save(instance, new LegalAidState { Waiting = LegalAidWait.Question });
        dc.SendText(Texts.LegalAidAsk);
        return Task.FromResult(DialogTurnResult.Waiting);
    }

    public override async Task<DialogTurnResult> ContinueAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var instance = Active(dc);
        var state = Read(instance);
        if (dc.MatchKey.Length == 0)
        {
            // A photo, a sticker or only emoji: nothing to search for.
            dc.SendText(Texts.LegalAidRetryEmpty);
            await RepromptAsync(dc, instance, cancellationToken).ConfigureAwait(false);
            return DialogTurnResult.Waiting;
        }

        if (PickNextStep(dc.MatchKey) is { } step)
        {
            return await TakeAsync(dc, instance, step, cancellationToken).ConfigureAwait(false);
        }

        if (ChangeOfSubject.In(dc) is { } subject && (subject != ReportIntent || NamesFlow(dc.MatchKey, ReportIntent)))
        {
            // "另外我要上报路灯坏了": another matter, not a follow-up; this consultation is set aside for it. A matter told
            // without asking to report it ("邻居装修天天吵") is what the consultation is about, however much it reads like a report.
            dc.ChangeOfSubject = subject;
            return DialogTurnResult.Waiting;
        }

        var model = dc.Understanding.Model;
        if (model.Intent == Intents.Chat && model.IsSure)
        {
            return await ChatAsync(dc, state, model, cancellationToken).ConfigureAwait(false);
        }

        var following = state.Waiting == LegalAidWait.NextStep;
        var previous = following ? state.LastQuestion : null;
        // A follow-up keeps the consultation's topic ("那能赔多少钱" after a question on wages is about wages; "医药费谁出"
        // after a fall at work is about the work injury, not the medical disputes its words alone suggest). Only a
        // question long enough to stand on its own, with a clear legal topic of its own, changes it.
        var own = model.Intent == Intents.Legal ? model.SureDetailOf(Intents.Legal) : null;
        var topic = following && state.LastTopic is { } last && (own is null || dc.MatchKey.Length < MinOwnQuestionLength) ? last : own;
        return await AnswerAsync(dc, instance, dc.Text, previous, topic, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The eligibility check, or a flow handed over to, has ended: back to "ask more or pick a next step".</summary>
    public override Task<DialogTurnResult> ResumeAsync(DialogContext dc, object? result, CancellationToken cancellationToken)
    {
        var instance = Active(dc);
        Save(instance, Read(instance) with { Waiting = LegalAidWait.NextStep });
        SendNextSteps(dc, Texts.LegalAidAskMore);
        return Task.FromResult(DialogTurnResult.Waiting);
    }

    public override Task RepromptAsync(DialogContext dc, DialogInstance instance, CancellationToken cancellationToken)
    {
        if (Read(instance).Waiting == LegalAidWait.NextStep)
        {
            SendNextSteps(dc, Texts.LegalAidNextPrompt);
        }
        else
        {
            dc.SendText(Texts.LegalAidAsk);
        }

        return Task.CompletedTask;
    }

    public override string? GetHelp(DialogInstance instance) => Texts.LegalAidHelp;

    /// <summary>The next steps, once an answer has offered them as buttons.</summary>
    public override IReadOnlyList<string> OfferedAnswers(DialogInstance instance) =>
        Read(instance).Waiting == LegalAidWait.NextStep ? [.. NextSteps().Select(s => s.Title)] : [];

    /// <summary>
    /// A consultation is about a matter told in the citizen's own words, and those words are often the ones emergencies
    /// use ("孩子才3岁，归谁", "他上次把我打了一顿"): an alarm only the models raise here, unsure, names the numbers in one line
    /// and the question is still answered, as at a question for a bare answer. A rule phrase or a sure reading sets the
    /// consultation aside as anywhere else.
    /// </summary>
    public override bool AsksForBareAnswer(DialogInstance instance) => true;

    private async Task<DialogTurnResult> AnswerAsync(
        DialogContext dc, DialogInstance instance, string question, string? previousQuestion, string? topic, CancellationToken cancellationToken)
    {
        var advice = await _advisor.AdviseAsync(question, previousQuestion, topic, cancellationToken).ConfigureAwait(false);
        if (advice.Found)
        {
            dc.SendCard(new LegalAnswerView(advice, Format(advice)).ToReply());
        }
        else
        {
            dc.SendText(Format(advice));
        }

        // A question nothing was found for does not become the context of the next one; its topic, when the models were
        // sure of it, still is the consultation's.
        var context = advice.Found ? question : previousQuestion;
        Save(instance, new LegalAidState { Waiting = LegalAidWait.NextStep, LastQuestion = context, LastTopic = topic ?? Read(instance).LastTopic });
        SendNextSteps(dc, Texts.LegalAidNextPrompt);
        return DialogTurnResult.Waiting;
    }

    /// <summary>"谢谢" ends the consultation; a greeting or small talk is not a question to search the statutes for.</summary>
    private async Task<DialogTurnResult> ChatAsync(DialogContext dc, LegalAidState state, MessageUnderstanding model, CancellationToken cancellationToken)
    {
        if (model.SureDetailOf(Intents.Chat) == Intents.Thanks)
        {
            dc.SendText(Texts.Thanks);
            return await dc.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        if (state.Waiting == LegalAidWait.NextStep)
        {
            SendNextSteps(dc, Texts.LegalAidAskMore);
        }
        else
        {
            dc.SendText(Texts.LegalAidAsk);
        }

        return DialogTurnResult.Waiting;
    }

    private async Task<DialogTurnResult> TakeAsync(DialogContext dc, DialogInstance instance, NextStep step, CancellationToken cancellationToken)
    {
        switch (step.Kind)
        {
            case NextStepKind.Eligibility:
                return await dc.BeginDialogAsync(EligibilityDialog.DialogId, null, cancellationToken).ConfigureAwait(false);
            case NextStepKind.HandOver:
                return await dc.BeginDialogAsync(step.DialogId!, null, cancellationToken).ConfigureAwait(false);
            case NextStepKind.PeopleMediation:
                dc.SendText(string.Format(CultureInfo.CurrentCulture, Texts.LegalAidPeopleMediation, _options.LegalHotline));
                break;
            case NextStepKind.Hotlines:
                dc.SendText(string.Format(CultureInfo.CurrentCulture, Texts.LegalAidHotlines, _options.LegalHotline, _humanHotline));
                break;
            default:
                dc.SendText(Texts.LegalAidBye);
                return await dc.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        SendNextSteps(dc, Texts.LegalAidAskMore);
        Save(instance, Read(instance) with { Waiting = LegalAidWait.NextStep });
        return DialogTurnResult.Waiting;
    }

    private static string Format(LegalAdvice advice)
    {
        var text = new StringBuilder(advice.Answer);
        if (advice.Citations.Count > 0)
        {
            text.Append("\n\n").Append(Texts.LegalAidBasis);
            foreach (var citation in advice.Citations)
            {
                text.Append('\n').Append('《').Append(citation.LawTitle).Append('》').Append(citation.Article)
                    .Append('：').Append('“').Append(citation.Quote).Append('”');
            }
        }

        if (advice.NextSteps.Count > 0)
        {
            text.Append("\n\n").Append(Texts.LegalAidSuggestions);
            foreach (var next in advice.NextSteps)
            {
                text.Append("\n· ").Append(next);
            }
        }

        text.Append("\n\n").Append(string.IsNullOrWhiteSpace(advice.Disclaimer) ? Texts.LegalAidDisclaimer : advice.Disclaimer);
        return text.ToString();
    }

    private void SendNextSteps(DialogContext dc, string lead) => dc.SendText(lead, [.. NextSteps().Select(s => s.Title)]);

    private NextStep? PickNextStep(string matchKey)
    {
        if (matchKey.Length > MaxNextStepKeyLength)
        {
            return null;
        }

        var steps = NextSteps();
        var recognition = ChoiceRecognizer.Recognize(matchKey, [.. steps.Select(s => new Choice(s.Title, s.Synonyms))]);
        return recognition.Succeeded ? steps[recognition.Value!.Index] : null;
    }

    // Hand-overs are offered only for flows registered in the menu: Mediation may not be deployed yet.
    private List<NextStep> NextSteps()
    {
        var steps = new List<NextStep> { new(NextStepKind.Eligibility, Texts.LegalAidOptionEligibility, ["法律援助", "法援", "申请法律援助"]) };
        var mediation = FindEntry(MediationIntent);
        steps.Add(mediation is null
            ? new NextStep(NextStepKind.PeopleMediation, Texts.LegalAidOptionPeopleMediation, ["调解"])
            : new NextStep(NextStepKind.HandOver, mediation.Title, ["调解"], mediation.DialogId));
        if (FindEntry(ReportIntent) is { } report)
        {
            steps.Add(new NextStep(NextStepKind.HandOver, report.Title, ["上报", "举报"], report.DialogId));
        }

        steps.Add(new NextStep(NextStepKind.Hotlines, Texts.LegalAidOptionHotlines, ["热线", "电话"]));
        steps.Add(new NextStep(NextStepKind.End, Texts.LegalAidOptionEnd, ["结束", "没有了", "不用了"]));
        return steps;
    }

    /// <summary>The message names the flow of <paramref name="intent"/>: its menu title or one of its other names.</summary>
    private bool NamesFlow(string matchKey, string intent) =>
        FindEntry(intent) is { } entry && entry.NameKeys.Any(n => matchKey.Contains(n, StringComparison.Ordinal));

    private MenuEntry? FindEntry(string intent) => _entries.FirstOrDefault(e => string.Equals(e.Intent, intent, StringComparison.Ordinal));

    private bool IsOpeningQuestion(string matchKey)
    {
        var own = FindEntry(LegalAidRegistration.Intent);
        if (matchKey.Length == 0 || matchKey.All(char.IsAsciiDigit)
            || (own is not null && (matchKey == own.Title || (own.Synonyms?.Contains(matchKey) ?? false))))
        {
            return false;
        }

        var rest = OpeningFiller.Aggregate(matchKey, (key, filler) => key.Replace(filler, string.Empty, StringComparison.Ordinal));
        return rest.Length >= 2;
    }

    private static void Save(DialogInstance instance, LegalAidState state) => instance.State = DialogJson.ToObject(state);

    private static LegalAidState Read(DialogInstance instance) => DialogJson.FromJson<LegalAidState>(instance);

    private DialogInstance Active(DialogContext dc) =>
        dc.ActiveInstance is { } instance && instance.Id == Id
            ? instance
            : throw new InvalidOperationException($"Dialog '{Id}' was called while it is not the active dialog.");

    private enum NextStepKind
    {
        Eligibility,
        HandOver,
        PeopleMediation,
        Hotlines,
        End,
    }

    private sealed record NextStep(NextStepKind Kind, string Title, IReadOnlyList<string> Synonyms, string? DialogId = null);
}
