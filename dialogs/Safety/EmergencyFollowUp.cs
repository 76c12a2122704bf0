using System.Globalization;
using System.Text.Json.Nodes;
using CitizenBot.Dialogs.Resources;
using CitizenBot.Dialogs.Runtime;
using CitizenBot.Dialogs.Text;
using CitizenBot.Dialogs.Understanding;
using Microsoft.Extensions.Options;

namespace CitizenBot.Dialogs.Safety;

/// <summary>
/// The emergency answered last in a conversation, kept for a while (<see cref="Window"/>) so that what the citizen says
/// next about it is answered about it: a call made, not getting through, help not there yet, or whether to call a number
/// ("122打了" is "I called", not "hit"; "要打120吗" is not an option of the open question). Kept in
/// <c>ConversationState.Values["lastEmergency"]</c>.
/// </summary>
internal sealed class EmergencyFollowUp(EmergencyDetector rules, TimeProvider time, IOptions<SafetyOptions> options)
{
    /// <summary>How long after an emergency answer the citizen's words are read as being about it.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(30);

    private const string StateKey = "lastEmergency";

    /// <summary>The service a call that did not get through is taken to instead: 110 dispatches every other kind of help.</summary>
    private const string Fallback = "110";

    private static readonly string[] Ambulance = ["120"];

    /// <summary>The longest question about what to do for the person now; a longer one is another matter ("物业不管该…").</summary>
    private const int MaxFirstAidQuestionLength = 20;

    /// <summary>The longest message that is about the call without naming it ("打不通", "怎么还没来").</summary>
    private const int ShortFollowUpLength = 8;

    /// <summary>Remembers the emergency just answered, for the next messages.</summary>
    public static void Remember(ConversationState state, Emergency emergency, DateTimeOffset now) =>
        state.Values[StateKey] = new JsonObject
        {
            ["at"] = now.ToUnixTimeMilliseconds(),
            ["kinds"] = new JsonArray([.. emergency.Kinds.Select(k => JsonValue.Create(k.ToString()))]),
            ["numbers"] = new JsonArray([.. emergency.Numbers.Select(n => JsonValue.Create(n))]),
        };

    /// <summary>The emergency answered last, if within <see cref="Window"/>: its kinds' rules and the numbers it named.</summary>
    public RecentEmergency? Recent(ConversationState state)
    {
        if (state.Values[StateKey] is not JsonObject saved || saved["at"]?.GetValue<long>() is not { } at
            || time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(at) > Window)
        {
            return null;
        }

        var kinds = saved["kinds"]?.AsArray().Select(k => Enum.TryParse<EmergencyKind>(k?.GetValue<string>(), out var kind) ? kind : (EmergencyKind?)null)
            .OfType<EmergencyKind>().ToHashSet() ?? [];
        var numbers = saved["numbers"]?.AsArray().Select(n => n?.GetValue<string>()).OfType<string>().ToList() ?? [];
        return kinds.Count == 0 ? null : new RecentEmergency([.. rules.Rules.Where(r => kinds.Contains(r.Kind))], numbers);
    }

    /// <summary>
    /// Answers a message about calling for the recent emergency ("打了120了", "救护车还没到", "12356打不通", "要打120吗");
    /// true when answered. A message naming no service and no call is not one; nor is an emergency a rule phrase names.
    /// </summary>
    public bool TryAnswer(DialogContext dc, RecentEmergency recent)
    {
        if (dc.Understanding.Emergency is { ModelsOnly: false })
        {
            return false;
        }

        var key = dc.MatchKey;
        var vocabulary = Vocabulary.Default;

        // What to do for the person now ("我不会按压", "要不要给他灌水催吐") is the dispatcher's to say, on the phone; and an
        // alarm by text message is how to call for help without speaking.
        if (dc.Understanding.Emergency is null && Contains(key, vocabulary.TextAlarm))
        {
            dc.SendText(Texts.EmergencyFollowUpTextAlarm);
            return true;
        }

        if (dc.Understanding.Emergency is null && key.Length <= MaxFirstAidQuestionLength && Contains(key, vocabulary.FirstAid) && !Contains(key, vocabulary.CallWaiting))
        {
            dc.SendText(Format(Texts.EmergencyFollowUpAskDispatcher, Labelled([.. Ambulance.Concat(recent.Numbers).Distinct(StringComparer.Ordinal)])));
            return true;
        }

        var named = rules.ServicesNamedIn(key);
        var selfHarm = recent.IsSelfHarm;
        // A message about the call names it ("122打了", "救护车还没到", "电话打不通"); "他又打了我" is not one. Short ones need
        // not ("打不通", "怎么还没来"), but a longer one without it is an answer to a question ("不知道坏了多久了"), and after
        // self-harm words are about the person unless a call is named ("还要难受多久").
        var aboutACall = named.Count > 0 || key.Contains("电话", StringComparison.Ordinal)
            || (selfHarm && key.Contains(options.Value.CrisisHotline, StringComparison.Ordinal));
        var notThrough = Contains(key, vocabulary.CallNotThrough);
        var waiting = !notThrough && Contains(key, vocabulary.CallWaiting);
        var shortAboutHelp = key.Length <= ShortFollowUpLength && (notThrough || waiting);
        if ((!aboutACall && !shortAboutHelp) || (selfHarm && !aboutACall))
        {
            return false;
        }

        var reply = notThrough ? NotThrough(named, recent.Numbers, selfHarm)
            : waiting ? Format(Texts.EmergencyFollowUpWaiting, Labelled(recent.Numbers))
            : !selfHarm && Contains(key, vocabulary.CallArrived) ? Format(Texts.EmergencyFollowUpArrived, Labelled(Ambulance))
            : Contains(key, vocabulary.CallDone) || Contains(key, vocabulary.CallArrived) ? Called(recent.Numbers, selfHarm)
            : Format(Contains(key, vocabulary.CallAsked) ? Texts.EmergencyFollowUpCall : Texts.EmergencyFollowUpCallNow, Labelled([.. named.Concat(recent.Numbers).Distinct(StringComparer.Ordinal)]));
        dc.SendText(reply);
        return true;
    }

    /// <summary>
    /// "算了", "我就是说说" right after a self-harm answer is not a form cancelled but a person to stay with: this line,
    /// for the cancel interruption to send instead of "已取消"; null at any other time.
    /// </summary>
    public string? StayingAfterSelfHarm(ConversationState state) =>
        Recent(state) is { IsSelfHarm: true } ? Format(Texts.EmergencySelfHarmStillHere, options.Value.CrisisHotline) : null;

    private string NotThrough(IReadOnlyList<string> named, IReadOnlyList<string> recent, bool selfHarm)
    {
        if (selfHarm)
        {
            return Texts.EmergencyFollowUpNotThroughSelfHarm;
        }

        var retry = named.Count > 0 ? named : recent.Take(1).ToList();
        var instead = retry.Contains(Fallback, StringComparer.Ordinal) ? recent.FirstOrDefault(n => n != Fallback) ?? "120" : Fallback;
        return Format(Texts.EmergencyFollowUpNotThrough, Labelled(retry), Labelled([instead]));
    }

    private string Called(IReadOnlyList<string> recent, bool selfHarm) =>
        selfHarm
            ? Format(Texts.EmergencyFollowUpCalledSelfHarm, options.Value.CrisisHotline)
            : Format(Texts.EmergencyFollowUpCalled, Labelled([.. recent.Concat(Ambulance).Distinct(StringComparer.Ordinal)]));

    private static bool Contains(string key, IReadOnlySet<string> words) => words.Any(w => key.Contains(w, StringComparison.Ordinal));

    /// <summary>
    /// The numbers in order, each with its label: 119（火警）、120（急救）. Without a fire (<paramref name="fire"/> false: someone
    /// trapped in a lift, a landslide) 119 is the rescue service it also is: 119（消防救援）.
    /// </summary>
    public static string Labelled(IEnumerable<string> numbers, bool fire = true) =>
        string.Join('、', numbers.Select(n => n + Texts.ResourceManager.GetString(
            "EmergencyLabel" + n + (!fire && n == FireAndRescue ? "Rescue" : string.Empty), CultureInfo.CurrentCulture)));

    private const string FireAndRescue = "119";

    private static string Format(string text, params object[] args) => string.Format(CultureInfo.CurrentCulture, text, args);
}

/// <summary>The emergency answered last in a conversation: its kinds' rules, and the numbers its answer named.</summary>
internal sealed record RecentEmergency(IReadOnlyList<EmergencyRule> Rules, IReadOnlyList<string> Numbers)
{
    public bool IsSelfHarm => Rules.Any(r => r.Kind == EmergencyKind.SelfHarm);
}
