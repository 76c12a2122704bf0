using CitizenBot.Knowledge.Topics;

namespace CitizenBot.Knowledge.Answers;

/// <summary>The product text of legal answers, in one place.</summary>
internal static class AnswerTexts
{
    public const string Disclaimer = "以上内容仅供参考，不构成律师意见。具体情况请拨打12348公共法律服务热线或咨询律师。";

    public const string ArticlesOnly = "暂时没有与您的问题完全对应的解答，以下法律条文可能与您的问题有关：";

    public const string NotFound = "抱歉，没有找到与您的问题相关的法律条文。您可以换个说法再问，或者直接咨询公共法律服务热线。";

    /// <summary>The honest path: the evidence for any one article is too weak to cite it.</summary>
    public const string Unsure = "这个问题我没有把握给出准确的法律依据，为避免误导您，暂不引用具体条文。";

    public const string Ellipsis = "……";

    public static readonly IReadOnlyList<string> DefaultNextSteps =
    [
        "拨打12348公共法律服务热线咨询",
        "经济困难的，可向当地法律援助机构申请法律援助",
        "需要调解的，可通过本服务预约在线视频调解",
    ];

    /// <summary>Where to ask when the bot is not sure: the hotline, the legal-aid center and a person.</summary>
    public static readonly IReadOnlyList<string> UnsureNextSteps =
    [
        "拨打12348公共法律服务热线，向专业人员说明具体情况",
        "到县法律援助中心当面咨询，经济困难的可以申请免费的法律援助",
        "回复“人工”联系工作人员",
    ];

    /// <summary>The general rights of each topic, said on the honest path (no article is cited for them).</summary>
    private static readonly Dictionary<string, string> GeneralRights = new(StringComparer.Ordinal)
    {
        [LegalTopics.Labour] = "一般来说，劳动者享有订立书面劳动合同、取得劳动报酬、休息休假和参加社会保险的权利；与用人单位发生争议的，可以协商、申请调解，或者向劳动人事争议仲裁委员会申请仲裁。",
        [LegalTopics.Dismissal] = "一般来说，用人单位解除劳动合同须有法定理由；违法解除的，劳动者可以要求继续履行或者要求赔偿，可以向劳动人事争议仲裁委员会申请仲裁。",
        [LegalTopics.Wages] = "一般来说，用人单位应当按时足额支付工资；被拖欠工资的，可以向人社部门劳动保障监察机构投诉，也可以申请劳动仲裁。",
        [LegalTopics.WorkInjury] = "一般来说，因工作原因受伤的职工可以申请工伤认定，享受工伤保险待遇；单位未参加工伤保险的，由单位按标准支付。",
        [LegalTopics.Family] = "一般来说，婚姻自由、男女平等，夫妻对共同财产有平等的处理权，父母对子女有抚养义务，成年子女对父母有赡养义务；可以协商、调解，或者向人民法院起诉。",
        [LegalTopics.Inheritance] = "一般来说，有遗嘱的按遗嘱继承，没有遗嘱的按法定继承顺序继承；继承人之间有争议的，可以协商、调解或者向人民法院起诉。",
        [LegalTopics.Neighbours] = "一般来说，相邻各方应当按照有利生产、方便生活、团结互助、公平合理的原则处理相邻关系；造成损害的应当赔偿，可以先找村（居）委会或人民调解委员会调解。",
        [LegalTopics.Property] = "一般来说，业主享有对共有部分的共同管理权，物业服务人应当按照合同提供服务；有争议的，可以找业主委员会、街道或者住建部门，也可以调解或起诉。",
        [LegalTopics.Consumer] = "一般来说，消费者享有安全、知情、自主选择、公平交易和依法求偿的权利；可以与经营者协商，向消费者协会投诉、向市场监管部门（12315）投诉，或者起诉。",
        [LegalTopics.Traffic] = "一般来说，交通事故的损害先由交强险赔偿，不足部分按过错承担；可以请公安交管部门调解，也可以向人民法院起诉。",
        [LegalTopics.Tenancy] = "一般来说，出租人应当按约定交付房屋并维修，承租人应当按约定支付租金、合理使用房屋；双方有争议的，可以协商、调解或者起诉。",
        [LegalTopics.Debt] = "一般来说，借款应当按约定归还，债权人可以催收、申请支付令或者起诉，并注意三年的诉讼时效。",
        [LegalTopics.PublicSecurity] = "一般来说，人身和财产受到侵害的，可以报警，由公安机关依法处理；造成损害的，可以要求赔偿。",
        [LegalTopics.DomesticViolence] = "一般来说，遭受家庭暴力的，可以报警、向妇联或村（居）委会求助，也可以向人民法院申请人身安全保护令；情况紧急请立即拨打110。",
        [LegalTopics.Procedure] = "一般来说，纠纷可以通过人民调解、仲裁、诉讼等途径解决；人民调解不收费，调解不成的仍可以起诉。",
        [LegalTopics.LegalAid] = "一般来说，经济困难的公民和符合法定条件的当事人，可以向法律援助机构申请免费的法律咨询、代理等服务。",
        [LegalTopics.Medical] = "一般来说，发生医疗纠纷的，可以与医院协商，申请医疗纠纷人民调解或行政调解，也可以起诉；患者有权复制病历资料。",
        [LegalTopics.SocialAssistance] = "一般来说，生活困难的家庭可以向乡镇人民政府（街道办事处）申请最低生活保障、临时救助等社会救助。",
        [LegalTopics.Planning] = "一般来说，建房须依法取得规划许可；发现违法建设的，可以向乡镇政府或城乡规划主管部门举报。",
        [LegalTopics.FireSafety] = "一般来说，任何人都不得占用、堵塞消防通道和安全出口，发现火灾应当立即拨打119报警；消防隐患可以向消防救援机构举报。",
    };

    /// <summary>The honest-path answer: not sure, then the topic's general rights when the topic is known.</summary>
    public static string UnsureAnswer(string? topic) =>
        topic is not null && GeneralRights.TryGetValue(topic, out var rights) ? Unsure + rights : Unsure;

    internal static bool HasGeneralRights(string topic) => GeneralRights.ContainsKey(topic);
}
