using System.Globalization;
using System.Text;
using CitizenBot.Channels.Activities;
using CitizenBot.Channels.Privacy;
using CitizenBot.Dialogs.LegalAid;
using CitizenBot.Dialogs.Prompts;
using CitizenBot.Dialogs.Report;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;
using CitizenBot.Dialogs.Text;
using CitizenBot.Dialogs.Understanding;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CitizenBot.Dialogs.Safety;

/// <summary>
/// The highest-priority interruption: at any step of any flow, an emergency is answered with the number(s) to
/// call in the first line of one short message. The flow in progress is set aside (resumable with "继续"); then, by kind,
/// the offer of an urgent ticket (hazards), the protection-order facts and legal-aid path (domestic violence), or
/// nothing more (self-harm: no form at all).
/// </summary>
internal sealed partial class EmergencyResponder(
    EmergencyResumeOffer resume,
    EmergencyFollowUp followUp,
    IReportDesk desk,
    TimeProvider time,
    IOptions<SafetyOptions> options,
    IOptions<LegalAidOptions> legalAid,
    ILogger<EmergencyResponder>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<EmergencyResponder>.Instance;

    /// <summary>The longest description an urgent ticket takes from the alarm message (the ticket caps it again).</summary>
    private const int MaxDescriptionLength = 500;

    /// <summary>
    /// The two models' joint reading from which their alarm sets aside a question that asks for a bare answer (an
    /// address, a name, a phone number, an option, yes or no). Below it, and with no rule phrase, the numbers are named in
    /// one line and the message is the answer: answers hold emergency words (电厂生活区4号楼 read as a fire) and short
    /// ones read as cries ("我在中通送快递", "不知道他手机号", 0.15–0.3). Out of fold (<c>curve --folds 3</c>), 96 % of the
    /// emergencies read at least 0.3 (98 % read 0.145, 99 % 0.054, the alarm's own threshold); the rule phrases still
    /// set the question aside at any reading. docs/understanding.md, "Bare answers".
    /// </summary>
    private const float SureAtABareAnswer = 0.3f;

    /// <summary>True when the message was an emergency and has been answered.</summary>
    public async Task<bool> TryHandleAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        // A button the open question offered is an answer in the bot's own words ("不用了", "邻里纠纷"), never an alarm; so
        // is an option's number with nothing else said ("我要2", at the menu or at a question), and the way back into a flow
        // set aside ("继续刚才的事项", read 0.35 as a collapse).
        if (dc.IsOfferedAnswer || ChoiceRecognizer.TryReadPick(dc.MatchKey, out _) || resume.IsOwnButton(dc.MatchKey))
        {
            return false;
        }

        // Right after an emergency answer, what is said about the call: "120打了", "消防车还没到", "要打120吗".
        var recent = followUp.Recent(dc.State);
        if (recent is not null && followUp.TryAnswer(dc, recent))
        {
            return true;
        }

        if (dc.Understanding.Emergency is not { } emergency)
        {
            return false;
        }

        // A reading only the models make, right after an emergency answer, is of that emergency: its fragments ("好像不喘气了
        // 要不要按胸口" after someone collapsed) are read as other kinds, whose advice would be wrong. It leads with the kinds
        // answered; a new number (120 for someone now hurt) is named again without setting anything aside. A danger of another
        // kind the models are sure of ("楼下煤气管爆了" after self-harm words) is not a fragment: it is answered as its own.
        var sure = dc.Understanding.Model.EmergencyAgreement >= SureAtABareAnswer;
        var anotherDanger = sure && emergency.Rules.Count > 0 && recent?.Rules.All(k => k.Kind != emergency.Rules[0].Kind) == true;
        if (recent is not null && emergency.ModelsOnly && !anotherDanger)
        {
            // Another kind counts only when the models are sure of it (a second danger told), its numbers named last.
            var another = sure ? emergency.Rules.FirstOrDefault(r => recent.Rules.All(k => k.Kind != r.Kind)) : null;
            emergency = new Emergency(recent.Rules, another, ModelsOnly: true, emergency.Casualty);
            if (!emergency.Numbers.All(recent.Numbers.Contains))
            {
                LogEmergency(_logger, string.Join(',', emergency.Kinds), dc.Activity.ChannelId, PersonalData.MaskUserId(dc.Activity.From?.Id));
                dc.SendText(Answer(emergency, dc.MatchKey));
                EmergencyFollowUp.Remember(dc.State, emergency, time.GetUtcNow());
                return true;
            }
        }

        var root = dc.Stack.Count > 0 ? dc.Stack[0] : null;
        var inOffer = root is not null && string.Equals(root.Id, EmergencyReportDialog.DialogId, StringComparison.Ordinal);
        var offered = inOffer && EmergencyReportDialog.AlreadyAnswered(root!, emergency);
        if (offered && EmergencyReportDialog.Answers(root!, dc))
        {
            // The hazard named again (in the address, in "是，着火了") is the answer to the offer, not a new alarm.
            return false;
        }

        // An answer to the open question that only the models, unsure, read as an emergency ("环卫的已经拉走了", an address).
        // Not at the offer of an urgent ticket: what is said there that answers nothing is about the emergency.
        var unsureAnswer = emergency.ModelsOnly && dc.AsksForBareAnswer && !sure && !offered;

        // Named in one line, and the message is the answer. For self-harm the line names the crisis hotline too: the models
        // alone, unsure, call self-harm on answers such as "美团啊 刚说了" (0.07) or "她说已经花了一部分 还有三金呢", and the
        // whole calm answer there set the flow aside for a misreading; a rule phrase still gets the whole answer.
        if (unsureAnswer)
        {
            LogCaution(_logger, string.Join(',', emergency.Kinds), dc.Activity.ChannelId, PersonalData.MaskUserId(dc.Activity.From?.Id));
            dc.SendText(emergency.Is(EmergencyKind.SelfHarm)
                ? string.Format(CultureInfo.CurrentCulture, Texts.EmergencyCautionSelfHarm, options.Value.CrisisHotline, Numbers(emergency))
                : string.Format(CultureInfo.CurrentCulture, Texts.EmergencyCaution, Numbers(emergency)));
            return false;
        }

        LogEmergency(_logger, string.Join(',', emergency.Kinds), dc.Activity.ChannelId, PersonalData.MaskUserId(dc.Activity.From?.Id));
        dc.SendText(Answer(emergency, dc.MatchKey));
        EmergencyFollowUp.Remember(dc.State, emergency, time.GetUtcNow());
        var sentLocation = dc.Activity.GetGeoCoordinates() is { } point ? ReportLocation.FromGeo(point) : null;
        var reportLocation = sentLocation is null ? ReportPlace(dc) : null;
        if (inOffer)
        {
            await dc.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            ParkedFlow.Park(dc.State, time.GetUtcNow());
        }

        if (emergency.Is(EmergencyKind.SelfHarm))
        {
            // No form after the calm answer.
            return true;
        }

        if (emergency.Is(EmergencyKind.DomesticViolence) && !Witnessed(emergency, dc.MatchKey))
        {
            dc.SendChoices(string.Format(CultureInfo.CurrentCulture, Texts.EmergencyDomesticViolenceFacts, legalAid.Value.LegalHotline), [Texts.MenuLegalAid]);
        }

        // Told more of the same danger while the urgent ticket was offered ("火越来越大了 出不去了" at its address question):
        // the numbers and advice again, and the ticket is not offered a second time.
        if (!offered && emergency.Reportable is { ReportCategory: { } category } && desk.Categories.Any(c => c.Code == category))
        {
            var offer = new EmergencyReportState
            {
                Kinds = [.. emergency.Kinds],
                Numbers = [.. emergency.Numbers],
                CategoryCode = category,
                Description = Cap(dc.Activity.Text?.Trim() ?? string.Empty),
                Location = sentLocation,
                EarlierLocation = reportLocation,
            };
            await dc.BeginDialogAsync(EmergencyReportDialog.DialogId, offer, cancellationToken).ConfigureAwait(false);
            return true;
        }

        // Offered again after a second alarm: the flow set aside by the first is kept, never dropped for being offered before.
        resume.TryOffer(dc, again: true);
        return true;
    }

    /// <summary>
    /// The place of the report the alarm interrupted, if it had one: offered at the urgent ticket's address question as one
    /// tap, never taken without it (the danger may be elsewhere: gas in the caller's own stairwell while reporting a plaza).
    /// </summary>
    private static ReportLocation? ReportPlace(DialogContext dc)
    {
        var root = dc.Stack.Count > 0 ? dc.Stack[0] : null;
        if (root is null || !string.Equals(root.Id, ReportDialog.DialogId, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return DialogJson.FromObject<WaterfallProgress<ReportState>>(root.State).State.Location;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// First line: the numbers. Then one short line of what to do for each kind. Self-harm words about someone else
    /// ("我老婆站在阳台外面说要跳下去") are answered to the one helping: the numbers without "if", and how to stay with them.
    /// </summary>
    private string Answer(Emergency emergency, string matchKey)
    {
        var aboutSomeoneElse = emergency.Is(EmergencyKind.SelfHarm) && AboutSomeoneElse(matchKey);
        var witness = Witnessed(emergency, matchKey);
        var text = new StringBuilder(string.Format(
            CultureInfo.CurrentCulture, emergency.Is(EmergencyKind.SelfHarm) && !aboutSomeoneElse ? Texts.EmergencyCallSelfHarm : Texts.EmergencyCall, Numbers(emergency)));
        foreach (var kind in emergency.Kinds)
        {
            text.Append('\n').Append(
                kind == EmergencyKind.SelfHarm && aboutSomeoneElse ? Helping()
                : kind == EmergencyKind.DomesticViolence && witness ? Texts.EmergencyAdviceViolenceWitnessed
                : Advice(kind));
        }

        if (emergency.Casualty is not null)
        {
            text.Append('\n').Append(Texts.EmergencyAdviceCasualty);
        }

        return text.ToString();
    }

    /// <summary>The numbers to call in order, each with its label: 119（火警）、120（急救）.</summary>
    private static string Numbers(Emergency emergency) =>
        EmergencyFollowUp.Labelled(emergency.Numbers, fire: emergency.Kinds.Any(k => k is EmergencyKind.Fire or EmergencyKind.GasLeak or EmergencyKind.Explosion));

    /// <summary>Someone else named ("我老婆", "有个女的", "他") and no wish of the writer's own ("我不想活了").</summary>
    private static bool AboutSomeoneElse(string matchKey)
    {
        var vocabulary = Vocabulary.Default;
        return ChineseText.HoldsAny(matchKey, vocabulary.SomeoneElse)
            && !ChineseText.HoldsAny(matchKey, vocabulary.OwnDeathWish);
    }

    /// <summary>
    /// Domestic violence told by a neighbour who hears or sees it ("隔壁两口子又在吵架…女的在哭"), not by the one it happens
    /// to ("他又打我"): the advice is for the witness, and the protection-order facts are not theirs.
    /// </summary>
    private static bool Witnessed(Emergency emergency, string matchKey)
    {
        var vocabulary = Vocabulary.Default;
        return emergency.Is(EmergencyKind.DomesticViolence)
            && ChineseText.HoldsAny(matchKey, vocabulary.Witness)
            && !ChineseText.HoldsAny(matchKey, vocabulary.HappeningToMe);
    }

    private string Helping()
    {
        var settings = options.Value;
        var hours = string.IsNullOrWhiteSpace(settings.CrisisHotlineHours) ? string.Empty : string.Format(CultureInfo.CurrentCulture, Texts.EmergencyCrisisHours, settings.CrisisHotlineHours);
        return string.Format(CultureInfo.CurrentCulture, Texts.EmergencyAdviceSelfHarmSomeoneElse, settings.CrisisHotline, hours);
    }

    private string Advice(EmergencyKind kind)
    {
        var advice = Texts.ResourceManager.GetString("EmergencyAdvice" + kind, CultureInfo.CurrentCulture)
            ?? throw new InvalidOperationException($"Resources/Texts.resx has no EmergencyAdvice{kind}; every emergency kind needs its advice line.");
        if (kind != EmergencyKind.SelfHarm)
        {
            return advice;
        }

        var settings = options.Value;
        var hours = string.IsNullOrWhiteSpace(settings.CrisisHotlineHours) ? string.Empty : string.Format(CultureInfo.CurrentCulture, Texts.EmergencyCrisisHours, settings.CrisisHotlineHours);
        return string.Format(CultureInfo.CurrentCulture, advice, settings.CrisisHotline, hours);
    }

    private static string Cap(string text) =>
        text.Length <= MaxDescriptionLength ? text : text[..(char.IsHighSurrogate(text[MaxDescriptionLength - 1]) ? MaxDescriptionLength - 1 : MaxDescriptionLength)];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Emergency answered ({Kinds}) on {Channel} for {User}")]
    private static partial void LogEmergency(ILogger logger, string kinds, string? channel, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Numbers named at a question for a bare answer ({Kinds}, the models alone, unsure) on {Channel} for {User}")]
    private static partial void LogCaution(ILogger logger, string kinds, string? channel, string user);
}
