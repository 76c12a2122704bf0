using System.Text.Json;

namespace CitizenBot.Dialogs.Text;

/// <summary>
/// The words the runtime listens for (interruptions, yes/no, skip), as data in <c>Text/Vocabulary.json</c>.
/// Every word is stored as its <see cref="ChineseText.ToMatchKey"/>, so callers compare keys with keys.
/// </summary>
internal sealed class Vocabulary
{
    private static readonly Lazy<Vocabulary> Instance = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private Vocabulary(Dictionary<string, string[]> words)
    {
        Cancel = Keys(words, "cancel");
        Back = Keys(words, "back");
        Restart = Keys(words, "restart");
        Help = Keys(words, "help");
        Human = Keys(words, "human");
        Menu = Keys(words, "menu");
        Yes = Keys(words, "yes");
        No = Keys(words, "no");
        Skip = Keys(words, "skip");
        Urge = Keys(words, "urge");
        Withdraw = Keys(words, "withdraw");
        Reopen = Keys(words, "reopen");
        Unknown = Keys(words, "unknown");
        Question = Keys(words, "question");
        Place = Keys(words, "place");
        Change = Keys(words, "change");
        Unchanged = Keys(words, "unchanged");
        CallNotThrough = Keys(words, "callNotThrough");
        CallWaiting = Keys(words, "callWaiting");
        CallAsked = Keys(words, "callAsked");
        Witness = Keys(words, "witness");
        HappeningToMe = Keys(words, "happeningToMe");
        Anonymous = Keys(words, "anonymous");
        FirstAid = Keys(words, "firstAid");
        TextAlarm = Keys(words, "textAlarm");
        SomeoneElse = Keys(words, "someoneElse");
        OwnDeathWish = Keys(words, "ownDeathWish");
        CallDone = Keys(words, "callDone");
        CallArrived = Keys(words, "callArrived");
        SamePlace = Keys(words, "samePlace");
        ManageBooking = Keys(words, "manageBooking");
    }

    public static Vocabulary Default => Instance.Value;

    public IReadOnlySet<string> Cancel { get; }
    public IReadOnlySet<string> Back { get; }

    /// <summary>Words asking to begin the flow in progress again ("重新开始", "从头来").</summary>
    public IReadOnlySet<string> Restart { get; }
    public IReadOnlySet<string> Help { get; }
    public IReadOnlySet<string> Human { get; }
    public IReadOnlySet<string> Menu { get; }
    public IReadOnlySet<string> Yes { get; }
    public IReadOnlySet<string> No { get; }
    public IReadOnlySet<string> Skip { get; }

    /// <summary>Words of a sentence asking to hurry a ticket (催办); matched anywhere in the message.</summary>
    public IReadOnlySet<string> Urge { get; }

    /// <summary>Words of a sentence asking to withdraw a ticket (撤回); matched anywhere in the message.</summary>
    public IReadOnlySet<string> Withdraw { get; }

    /// <summary>Words of a sentence saying an answered ticket is not solved (不满意 → 重办); matched anywhere in the message.</summary>
    public IReadOnlySet<string> Reopen { get; }

    /// <summary>Words of an answer saying the citizen does not know or has not got it (不知道, 没有他电话); matched anywhere.</summary>
    public IReadOnlySet<string> Unknown { get; }

    /// <summary>Words that make a message a question ("多久", "为什么", "吗"); matched anywhere.</summary>
    public IReadOnlySet<string> Question { get; }

    /// <summary>Words that make a message name a place ("路", "号", "小区", "旁边"); matched anywhere.</summary>
    public IReadOnlySet<string> Place { get; }

    /// <summary>Words asking to change something already answered ("改", "写错了", "不对"); matched anywhere.</summary>
    public IReadOnlySet<string> Change { get; }

    /// <summary>Words saying it is right as it is ("没错", "不用改"): taken out before <see cref="Change"/> is looked for.</summary>
    public IReadOnlySet<string> Unchanged { get; }

    /// <summary>After an emergency answer: the call did not get through ("打不通", "没人接"); matched anywhere.</summary>
    public IReadOnlySet<string> CallNotThrough { get; }

    /// <summary>After an emergency answer: help has not come yet ("救护车还没到", "要等多久"); matched anywhere.</summary>
    public IReadOnlySet<string> CallWaiting { get; }

    /// <summary>Self-harm words about another person: someone named other than the writer ("我老婆", "有个女的"); matched anywhere.</summary>
    public IReadOnlySet<string> SomeoneElse { get; }

    /// <summary>
    /// Words of a wish to die ("不想活了", "活着没意思"), which keep the answer for the writer however others are named ("他们都
    /// 欺负我 活着没意思"): only self-harm told as what someone else is doing ("站在阳台外面要跳下去") is answered to a helper.
    /// Matched anywhere.
    /// </summary>
    public IReadOnlySet<string> OwnDeathWish { get; }

    /// <summary>After an emergency answer: what to do for the person now ("我不会按压", "要不要催吐"); matched anywhere.</summary>
    public IReadOnlySet<string> FirstAid { get; }

    /// <summary>After an emergency answer: calling for help by text message ("可以发短信吗"); matched anywhere.</summary>
    public IReadOnlySet<string> TextAlarm { get; }

    /// <summary>A wish to stay anonymous in a report ("匿名", "不想留名", "怕被报复"); matched anywhere.</summary>
    public IReadOnlySet<string> Anonymous { get; }

    /// <summary>Violence told by one who hears or sees it next door ("隔壁", "听到"); matched anywhere.</summary>
    public IReadOnlySet<string> Witness { get; }

    /// <summary>Violence told by the one it happens to ("打我", "我老公"), which keeps the answer for them; matched anywhere.</summary>
    public IReadOnlySet<string> HappeningToMe { get; }

    /// <summary>After an emergency answer: asking whether or where to call ("要打120吗", "打哪个"); matched anywhere.</summary>
    public IReadOnlySet<string> CallAsked { get; }

    /// <summary>After an emergency answer: the call was made ("120打了", "报了警"); matched anywhere.</summary>
    public IReadOnlySet<string> CallDone { get; }

    /// <summary>After an emergency answer: help has come ("消防车来了", "警察把他带走了"); matched anywhere.</summary>
    public IReadOnlySet<string> CallArrived { get; }

    /// <summary>A whole answer to an address question meaning the place already given ("一样的地方", "还是那里").</summary>
    public IReadOnlySet<string> SamePlace { get; }

    /// <summary>Words about a mediation booking already made ("取消预约", "改期", "对方同意了没"); matched anywhere.</summary>
    public IReadOnlySet<string> ManageBooking { get; }

    private static HashSet<string> Keys(Dictionary<string, string[]> words, string name) =>
        words.TryGetValue(name, out var list)
            ? list.Select(ChineseText.ToMatchKey).Where(k => k.Length > 0).ToHashSet(StringComparer.Ordinal)
            : throw new InvalidDataException($"Text/Vocabulary.json has no '{name}' list; add it (an array of words).");

    private static Vocabulary Load()
    {
        using var stream = typeof(Vocabulary).Assembly.GetManifestResourceStream("CitizenBot.Dialogs.Text.Vocabulary.json")
            ?? throw new InvalidOperationException("Text/Vocabulary.json is not embedded; check CitizenBot.Dialogs.csproj.");
        var words = JsonSerializer.Deserialize<Dictionary<string, string[]>>(stream)
            ?? throw new InvalidDataException("Text/Vocabulary.json is empty.");
        return new Vocabulary(words);
    }
}
