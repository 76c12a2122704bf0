namespace CitizenBot.Knowledge.Answers;

/// <summary>The product text of legal answers, in one place.</summary>
internal static class AnswerTexts
{
    public const string Disclaimer = "以上内容仅供参考，不构成律师意见。具体情况请拨打12348公共法律服务热线或咨询律师。";

    public const string ArticlesOnly = "暂时没有与您的问题完全对应的解答，以下法律条文可能与您的问题有关：";

    public const string NotFound = "抱歉，没有找到与您的问题相关的法律条文。您可以换个说法再问，或者直接咨询公共法律服务热线。";

    public const string Ellipsis = "……";

    public static readonly IReadOnlyList<string> DefaultNextSteps =
    [
        "拨打12348公共法律服务热线咨询",
        "经济困难的，可向当地法律援助机构申请法律援助",
        "需要调解的，可通过本服务预约在线视频调解",
    ];
}
