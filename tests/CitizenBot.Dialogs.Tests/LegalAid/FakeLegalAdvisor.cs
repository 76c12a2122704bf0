using CitizenBot.Dialogs.LegalAid;

namespace CitizenBot.Dialogs.Tests.LegalAid;

/// <summary>
/// A knowledge base with two canned answers: wages (保障农民工工资支付条例) and, for a follow-up whose previous question was
/// about wages, the arbitration time limit. Anything else is "not found". Records every call.
/// </summary>
internal sealed class FakeLegalAdvisor : ILegalAdvisor
{
    public const string WageAnswer = "用人单位拖欠农民工工资的，应当依法清偿；可以向人力资源社会保障部门投诉。";
    public const string TimeLimitAnswer = "劳动争议申请仲裁的时效期间为一年。";
    public const string NotFoundAnswer = "抱歉，没有找到相关的法律条文。";
    public const string Disclaimer = "以上内容仅供参考，不构成律师意见。";

    public List<(string Question, string? Previous)> Calls { get; } = [];

    /// <summary>The topic each call was given, in call order.</summary>
    public List<string?> Topics { get; } = [];

    public Task<LegalAdvice> AdviseAsync(string question, string? previousQuestion, string? topic, CancellationToken cancellationToken)
    {
        Calls.Add((question, previousQuestion));
        Topics.Add(topic);
        if (question.Contains("工资", StringComparison.Ordinal))
        {
            return Task.FromResult(new LegalAdvice(
                WageAnswer,
                [new LegalAdviceCitation("保障农民工工资支付条例", "第十条", "被拖欠工资的农民工有权依法投诉，或者申请调解、仲裁和提起诉讼。")],
                ["拨打12333劳动保障监察热线投诉"],
                Disclaimer,
                Found: true));
        }

        if (previousQuestion?.Contains("工资", StringComparison.Ordinal) == true)
        {
            return Task.FromResult(new LegalAdvice(
                TimeLimitAnswer,
                [new LegalAdviceCitation("中华人民共和国劳动争议调解仲裁法", "第二十七条", "劳动争议申请仲裁的时效期间为一年。")],
                [],
                Disclaimer,
                Found: true));
        }

        return Task.FromResult(new LegalAdvice(NotFoundAnswer, [], ["拨打12348公共法律服务热线咨询"], Disclaimer, Found: false));
    }
}
