using CitizenBot.Knowledge.Answers;
using CitizenBot.Knowledge.Corpus;
using CitizenBot.Knowledge.Topics;

namespace CitizenBot.Knowledge.Tests.Answers;

public sealed class LegalAnswererTests
{
    private static LegalAnswerer CreateSut() => new(SharedKnowledge.Engine);

    private static LegalCorpus Corpus => SharedKnowledge.Engine.Corpus;

    [Theory]
    [InlineData("老板跑路了工资不给怎么办", LegalTopics.Wages)]
    [InlineData("被车撞了对方不赔钱", LegalTopics.Traffic)]
    [InlineData("邻居装修太吵了", LegalTopics.Neighbours)]
    [InlineData("离婚后孩子抚养费谁出", LegalTopics.Family)]
    public async Task AnswerAsync_CommonQuestion_QuotesArticlesOfItsTopicVerbatim(string question, string topic)
    {
        var answer = await CreateSut().AnswerAsync(question, topic: topic);

        Assert.True(answer.Found);
        Assert.NotEmpty(answer.Citations);
        Assert.All(answer.Citations, c =>
        {
            var article = Corpus.Articles.Single(a => a.LawId == c.LawId && a.Label == c.Article);
            Assert.True(TopicScopes.Contains(topic, article.LawId, article.Number), $"{c.LawId} {c.Article} is outside {topic}");
            Assert.Equal(article.LawTitle, c.LawTitle);
            var flat = article.Text.Replace("\n", string.Empty, StringComparison.Ordinal);
            Assert.All(c.Quote.Split("……"), part => Assert.Contains(part, flat, StringComparison.Ordinal));
        });
        Assert.NotEmpty(answer.NextSteps);
        Assert.Contains("不构成律师", answer.Disclaimer);
    }

    [Fact]
    public async Task AnswerAsync_WageArrears_UsesFaqAnswerAndPointsToLabourInspection()
    {
        var answer = await CreateSut().AnswerAsync("公司拖欠工资三个月了怎么办");

        Assert.Contains("劳动报酬", answer.Answer);
        Assert.Contains(answer.NextSteps, s => s.Contains("12333", StringComparison.Ordinal));
        Assert.Contains(answer.Citations, c => c.LawId is "labor-contract-law" or "labor-law" or "migrant-worker-wage-payment-regulations");
    }

    [Theory]
    [InlineData("")]
    [InlineData("😀😀😀")]
    public async Task AnswerAsync_NothingFound_SaysSoAndOffers12348WithoutCitations(string question)
    {
        var answer = await CreateSut().AnswerAsync(question);

        Assert.False(answer.Found);
        Assert.Empty(answer.Citations);
        Assert.Contains(answer.NextSteps, s => s.Contains("12348", StringComparison.Ordinal));
        Assert.False(string.IsNullOrEmpty(answer.Disclaimer));
    }

    // Two entries share 申请, 强制执行 and their articles' words; only the one on the deadline holds 期限. The article
    // on enforcement in general must not win by sharing more of the topic's words.
    [Fact]
    public async Task AnswerAsync_EnforcementDeadline_CitesTheTwoYearArticleNotEnforcementInGeneral()
    {
        var answer = await CreateSut().AnswerAsync("申请法院强制执行有期限吗", topic: LegalTopics.Debt);

        Assert.Contains("二年", answer.Answer);
        Assert.Equal(("civil-procedure-law", "第二百五十条"), (answer.Citations[0].LawId, answer.Citations[0].Article));
    }

    [Theory]
    [InlineData(LegalTopics.Neighbours)]
    [InlineData(LegalTopics.Property)]
    public async Task AnswerAsync_StairwellClutterAsANeighbourOrPropertyMatter_CitesTheRuleOnEscapeRoutes(string topic)
    {
        var answer = await CreateSut().AnswerAsync("邻居占用楼道堆杂物违法吗", topic: topic);

        Assert.True(answer.Found);
        Assert.Equal(("fire-protection-law", "第二十八条"), (answer.Citations[0].LawId, answer.Citations[0].Article));
    }

    [Fact]
    public async Task AnswerAsync_FiredWithoutCause_CitesOnlyTheLabourContractLawsNeverChildSupportOrAssistance()
    {
        var answer = await CreateSut().AnswerAsync("公司突然把我辞退了，没有任何理由，能赔多少钱", topic: LegalTopics.Dismissal);

        Assert.True(answer.Found);
        Assert.Equal("labor-contract-law", answer.Citations[0].LawId);
        Assert.All(answer.Citations, c => Assert.True(
            TopicScopes.Contains(LegalTopics.Dismissal, c.LawId, ChineseNumber.TryParseArticleLabel(c.Article, out var n) ? n : 0),
            $"{c.LawId} {c.Article} is not a dismissal article"));
    }

    [Fact]
    public async Task AnswerAsync_NoReturnsSignOnSaleItems_CitesTheRuleOnStandardTermsNotInjuryCompensation()
    {
        var answer = await CreateSut().AnswerAsync("店里贴着特价商品一律不退不换，这样合法吗", topic: LegalTopics.Consumer);

        Assert.Contains(answer.Citations, c => (c.LawId, c.Article) is ("consumer-protection-law", "第二十六条") or ("civil-code", "第四百九十七条"));
        Assert.DoesNotContain(answer.Citations, c => (c.LawId, c.Article) is ("consumer-protection-law", "第四十九条") or ("civil-code", "第一千一百七十九条"));
    }

    // Neighbouring FAQ entries share most words (工伤认定 … 期限 / … 多久出结论); the entry whose questions and cited
    // articles hold the act asked about leads.
    [Theory]
    [InlineData("工伤认定申请有没有期限", LegalTopics.WorkInjury, "work-injury-insurance-regulations", "第十七条")]
    [InlineData("出差的时候受伤了算不算工伤", LegalTopics.WorkInjury, "work-injury-insurance-regulations", "第十四条")]
    [InlineData("申请劳动仲裁以后多久出裁决", LegalTopics.Labour, "labor-dispute-mediation-arbitration-law", "第四十三条")]
    [InlineData("分遗产要不要给没出生的胎儿留一份", LegalTopics.Inheritance, "civil-code", "第一千一百五十五条")]
    [InlineData("楼上噪音扰民报警有用吗", LegalTopics.Neighbours, "public-security-administration-punishments-law", "第八十八条")]
    [InlineData("邻居挖地基把我家墙弄裂了", LegalTopics.Neighbours, "civil-code", "第二百九十五条")]
    [InlineData("我怀孕了公司要开除我", LegalTopics.Dismissal, "labor-contract-law", "第四十二条")]
    [InlineData("对门邻居天天夜里打麻将，吵得孩子没法睡觉", LegalTopics.Neighbours, "public-security-administration-punishments-law", "第八十八条")]
    [InlineData("下班路上被电动车撞倒了算工伤不", LegalTopics.WorkInjury, "work-injury-insurance-regulations", "第十四条")]
    [InlineData("女方提出离婚，男方不同意怎么办", LegalTopics.Family, "civil-code", "第一千零七十九条")]
    [InlineData("刚生完孩子老公就要离婚", LegalTopics.Family, "civil-code", "第一千零八十二条")]
    public async Task AnswerAsync_QuestionNearANeighbouringEntry_LeadsWithTheArticleThatHoldsItsRule(
        string question, string topic, string lawId, string article)
    {
        var answer = await CreateSut().AnswerAsync(question, topic: topic);

        Assert.True(answer.Found);
        Assert.Equal((lawId, article), (answer.Citations[0].LawId, answer.Citations[0].Article));
    }

    // A drink-driving question in citizens' words (酒后开车, 醉驾, 喝了酒开车) once kept only 处罚 or 酒 of its words:
    // 开车 and 酒驾 are in no statute, so the speeding entry or the police rule on drunk people answered it.
    [Theory]
    [InlineData("酒后开车是什么处罚")]
    [InlineData("醉酒开车要坐牢吗")]
    [InlineData("喝了酒开车被交警查到怎么办")]
    [InlineData("开车之前喝了一瓶啤酒，被交警拦下吹气了，会怎么处理")]
    public async Task AnswerAsync_DrinkDriving_CitesTheDrinkDrivingArticleFirst(string question)
    {
        var answer = await CreateSut().AnswerAsync(question, topic: LegalTopics.Traffic);

        Assert.True(answer.Found);
        Assert.Equal(("road-traffic-safety-law", "第九十一条"), (answer.Citations[0].LawId, answer.Citations[0].Article));
        Assert.DoesNotContain("限速", answer.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_DrunkDriversLicence_SaysFiveYearsBeforeANewLicence()
    {
        var answer = await CreateSut().AnswerAsync("醉驾被抓了，驾照还能保住吗，几年能再考", topic: LegalTopics.Traffic);

        Assert.Equal(("road-traffic-safety-law", "第九十一条"), (answer.Citations[0].LawId, answer.Citations[0].Article));
        Assert.Contains("五年内不得重新取得", answer.Answer, StringComparison.Ordinal);
    }

    // 没留遗嘱 says there is no will: the reserved share a will must keep (第一千一百四十一条) is not the answer, the
    // order of statutory succession is.
    [Theory]
    [InlineData("父亲没留遗嘱就走了，留下房子和存款，我们该怎么分")]
    [InlineData("俺爹走了，没留遗嘱，俺娘身体不好也没收入，家里东西咋分")]
    public async Task AnswerAsync_InheritanceWithoutAWill_CitesStatutorySuccessionNotTheReservedShare(string question)
    {
        var answer = await CreateSut().AnswerAsync(question, topic: LegalTopics.Inheritance);

        Assert.True(answer.Found);
        Assert.Contains((answer.Citations[0].LawId, answer.Citations[0].Article), new[] { ("civil-code", "第一千一百二十七条"), ("civil-code", "第一千一百二十三条") });
        Assert.DoesNotContain(answer.Citations, c => c.Article == "第一千一百四十一条");
    }

    [Fact]
    public async Task AnswerAsync_TrafficInjuryLostEarningsAndNursing_CitesTheArticleListingWhatIsPaid()
    {
        var answer = await CreateSut().AnswerAsync("车祸受伤住院了，误工费和护理费能找对方要吗", topic: LegalTopics.Traffic);

        Assert.Equal(("civil-code", "第一千一百七十九条"), (answer.Citations[0].LawId, answer.Citations[0].Article));
        Assert.Contains("误工", answer.Answer, StringComparison.Ordinal);
    }

    // 三 of 干了三年 is the citizen's quantity: it once chose the cap's sentence of 劳动合同法第四十七条 (三倍) as the quote.
    [Fact]
    public async Task AnswerAsync_SeveranceAfterThreeYears_QuotesTheMonthPerYearRuleNotTheCap()
    {
        var answer = await CreateSut().AnswerAsync("干了三年被辞退能拿几个月工资的补偿", topic: LegalTopics.Dismissal);

        var article47 = Assert.Single(answer.Citations, c => (c.LawId, c.Article) == ("labor-contract-law", "第四十七条"));
        Assert.Contains("每满一年支付一个月工资", article47.Quote, StringComparison.Ordinal);
        Assert.DoesNotContain("三倍", article47.Quote, StringComparison.Ordinal);
    }

    // Citizens' questions whose best FAQ match shares only the topic's words (收养 is no entry's subject; a dog bite
    // matched the entry on neighbours' drainage): the entry's confidence is below the floor, so its article is not
    // cited and the answer says it is not sure.
    [Theory]
    [InlineData("给孩子办收养手续要去哪里", LegalTopics.Family, "civil-code", "第一千零八十三条")]
    [InlineData("被邻居家的狗咬了 打疫苗花了两千 他应该赔吗", LegalTopics.Neighbours, "civil-code", "第二百九十条")]
    public async Task AnswerAsync_WeakMatchWithAnEntryOfTheTopic_DoesNotCiteThatEntrysArticle(
        string question, string topic, string lawId, string unrelatedArticle)
    {
        var answer = await CreateSut().AnswerAsync(question, topic: topic);

        Assert.DoesNotContain(answer.Citations, c => (c.LawId, c.Article) == (lawId, unrelatedArticle));
        if (answer.Citations.Count == 0)
        {
            Assert.False(answer.Found);
            Assert.Contains(answer.NextSteps, s => s.Contains("12348", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task AnswerAsync_EmployerWillNotApplyForWorkInjury_QuotesTheParagraphLettingTheWorkerApplyWithinAYear()
    {
        var answer = await CreateSut().AnswerAsync("公司不给我申请工伤认定，我自己能申请吗", topic: LegalTopics.WorkInjury);

        var citation = Assert.Single(answer.Citations, c => (c.LawId, c.Article) == ("work-injury-insurance-regulations", "第十七条"));
        Assert.Contains("工伤职工或者其近亲属", citation.Quote, StringComparison.Ordinal);
        Assert.Contains("1年内", citation.Quote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_NoiseReportedToPolice_CitesThePenaltyArticleWithoutTheEntrysLooserSecondArticle()
    {
        var answer = await CreateSut().AnswerAsync("楼上噪音扰民报警有用吗", topic: LegalTopics.Neighbours);

        var citation = Assert.Single(answer.Citations);
        Assert.Equal(("public-security-administration-punishments-law", "第八十八条"), (citation.LawId, citation.Article));
    }

    [Fact]
    public async Task AnswerAsync_PrintedWill_CitesTheRuleForPrintedWills()
    {
        var answer = await CreateSut().AnswerAsync("老人用电脑打印的遗嘱算不算数", topic: LegalTopics.Inheritance);

        Assert.Equal(("civil-code", "第一千一百三十六条"), (answer.Citations[0].LawId, answer.Citations[0].Article));
    }

    [Fact]
    public async Task AnswerAsync_OnlineHearing_CitesTheRuleOnOnlineProceedings()
    {
        var answer = await CreateSut().AnswerAsync("网上视频开庭和到法院开庭效力一样吗", topic: LegalTopics.Procedure);

        Assert.Equal(("civil-procedure-law", "第十六条"), (answer.Citations[0].LawId, answer.Citations[0].Article));
    }

    [Fact]
    public async Task AnswerAsync_FightSettledAtPoliceStation_CitesMediationByThePolice()
    {
        var answer = await CreateSut().AnswerAsync("打架的事在派出所调解了，调解协议算数吗", topic: LegalTopics.PublicSecurity);

        Assert.Equal(("public-security-administration-punishments-law", "第九条"), (answer.Citations[0].LawId, answer.Citations[0].Article));
    }

    [Fact]
    public async Task AnswerAsync_WeakEvidence_SaysItIsNotSureGivesTheTopicsRightsAndWhereToAskWithoutCitations()
    {
        var answer = await CreateSut().AnswerAsync("我们村的祠堂该由哪一房管理", topic: LegalTopics.Property);

        Assert.False(answer.Found);
        Assert.Empty(answer.Citations);
        Assert.StartsWith(AnswerTexts.Unsure, answer.Answer, StringComparison.Ordinal);
        Assert.Contains("业主", answer.Answer, StringComparison.Ordinal);
        Assert.Contains(answer.NextSteps, s => s.Contains("12348", StringComparison.Ordinal));
        Assert.Contains(answer.NextSteps, s => s.Contains("法律援助中心", StringComparison.Ordinal));
        Assert.Contains(answer.NextSteps, s => s.Contains("人工", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnswerAsync_UnknownTopicCode_IsInferredLikeNoTopic()
    {
        var withUnknown = await CreateSut().AnswerAsync("老板拖欠工资不给怎么办", topic: "salary");
        var without = await CreateSut().AnswerAsync("老板拖欠工资不给怎么办");

        Assert.Equal(without.Answer, withUnknown.Answer);
        Assert.Equal(without.Citations, withUnknown.Citations);
    }

    [Fact]
    public async Task AnswerAsync_NoiseQuestion_SaysDetentionOrFineAsTheArticleDoesNeverWarning()
    {
        var answer = await CreateSut().AnswerAsync("邻居半夜太吵怎么办", topic: LegalTopics.Neighbours);

        Assert.Contains(answer.Citations, c => (c.LawId, c.Article) is ("public-security-administration-punishments-law", "第八十八条"));
        Assert.Contains("拘留", answer.Answer, StringComparison.Ordinal);
        Assert.Contains("罚款", answer.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain("警告", answer.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_FollowUpWithPreviousQuestion_StaysOnTheTopic()
    {
        const string followUp = "有没有时间限制";

        var alone = await CreateSut().AnswerAsync(followUp);
        var withContext = await CreateSut().AnswerAsync(followUp, previousQuestion: "在工地上受伤了，单位不给申请工伤认定");

        Assert.DoesNotContain(alone.Citations, c => c.LawId == "work-injury-insurance-regulations");
        Assert.Equal("work-injury-insurance-regulations", withContext.Citations[0].LawId);
    }

    [Fact]
    public async Task AnswerAsync_ArbitrationTimeLimitAfterWageQuestion_CitesTheArbitrationTimeLimit()
    {
        var answer = await CreateSut().AnswerAsync("去仲裁有时间限制吗", previousQuestion: "老板跑路了工资不给怎么办");

        Assert.Contains(answer.Citations, c => c.LawId == "labor-dispute-mediation-arbitration-law" && c.Article == "第二十七条");
    }

    [Theory]
    [InlineData(null)]
    [InlineData(LegalTopics.Wages)]
    [InlineData(LegalTopics.LegalAid)]
    public async Task AnswerAsync_LegalAidFollowUpAfterWageQuestion_CitesTheNoMeansTestRuleForWageClaimsFirst(string? topic)
    {
        var answer = await CreateSut().AnswerAsync("那我可以申请法律援助吗", previousQuestion: "老板拖欠了我三个月工资不给", topic: topic);

        Assert.Equal(("legal-aid-law", "第四十二条"), (answer.Citations[0].LawId, answer.Citations[0].Article));
        Assert.Contains("劳动报酬", answer.Citations[0].Quote, StringComparison.Ordinal);
        Assert.Contains("免予核查经济困难", answer.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_LegalAidQuestionWithoutCase_GivesTheGeneralScope()
    {
        var answer = await CreateSut().AnswerAsync("哪些事情可以申请法律援助");

        Assert.Equal(("legal-aid-law", "第三十一条"), (answer.Citations[0].LawId, answer.Citations[0].Article));
    }

    // Common matters citizens ask about that no FAQ entry covered: they took the honest path or a neighbour's article.
    [Theory]
    [InlineData("儿子课间被同学推下楼梯摔伤了，学校说跟他们没关系", LegalTopics.PublicSecurity, "civil-code", "第一千二百条")]
    [InlineData("超市卖过期的火腿肠，我能要求赔偿吗", LegalTopics.Consumer, "consumer-protection-law", "第四十八条")]
    [InlineData("和医院对责任有争议，医疗损害鉴定由谁来委托", LegalTopics.Medical, "medical-dispute-regulations", "第三十四条")]
    [InlineData("离职十个月了，原来公司欠的工资还能申请劳动仲裁吗", LegalTopics.Wages, "labor-dispute-mediation-arbitration-law", "第二十七条")]
    public async Task AnswerAsync_CommonMatterWithItsOwnEntry_CitesTheArticleThatAnswersIt(
        string question, string topic, string lawId, string article)
    {
        var answer = await CreateSut().AnswerAsync(question, topic: topic);

        Assert.True(answer.Found);
        Assert.Equal((lawId, article), (answer.Citations[0].LawId, answer.Citations[0].Article));
    }

    // Rural land is asked about as a planning matter; the planning law alone has no rule on a contracted field.
    [Fact]
    public async Task AnswerAsync_ContractedLandTakenBackAsAPlanningMatter_CitesTheCivilCodesLandContractRule()
    {
        var answer = await CreateSut().AnswerAsync("土地承包合同没到期，村委会要把地收走", topic: LegalTopics.Planning);

        Assert.Equal(("civil-code", "第三百三十七条"), (answer.Citations[0].LawId, answer.Citations[0].Article));
    }

    // 开除 alone says nothing of misconduct: the unlawful-dismissal rules answer it, the misconduct rule ("no
    // compensation") only when the question names the misconduct.
    [Fact]
    public async Task AnswerAsync_BareDismissal_CitesTheUnlawfulDismissalRuleNotTheMisconductRule()
    {
        var answer = await CreateSut().AnswerAsync("今天被开除了", topic: LegalTopics.Dismissal);

        Assert.Equal(("labor-contract-law", "第四十八条"), (answer.Citations[0].LawId, answer.Citations[0].Article));
        Assert.DoesNotContain(answer.Citations, c => (c.LawId, c.Article) == ("labor-contract-law", "第三十九条"));
    }

    [Theory]
    [InlineData("旷工三天被开除，公司说一分钱补偿没有，对吗")]
    [InlineData("偷厂里的东西被开除了有补偿吗")]
    public async Task AnswerAsync_DismissalForNamedMisconduct_CitesTheMisconductRule(string question)
    {
        var answer = await CreateSut().AnswerAsync(question, topic: LegalTopics.Dismissal);

        Assert.Equal(("labor-contract-law", "第三十九条"), (answer.Citations[0].LawId, answer.Citations[0].Article));
    }

    // 造谣 is no statute word; read as 诽谤 it finds the penalty for defaming a person.
    [Fact]
    public async Task AnswerAsync_RumoursSpreadAboutAPerson_CitesTheDefamationPenalty()
    {
        var answer = await CreateSut().AnswerAsync("隔壁村的人到处造谣说我家孩子是偷来的", topic: LegalTopics.PublicSecurity);

        Assert.Equal(("public-security-administration-punishments-law", "第五十条"), (answer.Citations[0].LawId, answer.Citations[0].Article));
    }

    // An entry's summary rests on one rule; a second article on the routes or the general duty held more of the
    // citizen's words and was quoted instead of the rule.
    [Theory]
    [InlineData("美容院充了两千块的卡，现在店不开了，钱能退吗", LegalTopics.Consumer, "consumer-protection-law", "第五十三条")]
    [InlineData("工厂没给我们买工伤保险，现在我受伤了谁出钱", LegalTopics.WorkInjury, "work-injury-insurance-regulations", "第六十二条")]
    [InlineData("外出打工的讨工钱，法律援助要不要审查经济条件", LegalTopics.LegalAid, "legal-aid-law", "第四十二条")]
    public async Task AnswerAsync_EntryWhoseSummaryRestsOnOneRule_CitesThatRule(string question, string topic, string lawId, string article)
    {
        var answer = await CreateSut().AnswerAsync(question, topic: topic);

        Assert.Equal((lawId, article), (answer.Citations[0].LawId, answer.Citations[0].Article));
    }

    // A house bought during the marriage is common property whoever's name is on it; the rule on one spouse's own
    // property (婚前财产) answers only questions about what was theirs before.
    [Fact]
    public async Task AnswerAsync_HouseBoughtInMarriageInOneName_CitesCommonPropertyRulesNotPersonalProperty()
    {
        var answer = await CreateSut().AnswerAsync("婚后买的房子房产证上只有老婆的名字，离婚我能分吗", topic: LegalTopics.Family);

        Assert.Contains((answer.Citations[0].LawId, answer.Citations[0].Article), new[] { ("civil-code", "第一千零六十二条"), ("civil-code", "第一千零八十七条") });
        Assert.DoesNotContain(answer.Citations, c => (c.LawId, c.Article) == ("civil-code", "第一千零六十三条"));
    }

    // Unpaid overtime told with the hours worked (加班到十点, 一分没有) took the honest path: the entry held too few of its words.
    [Fact]
    public async Task AnswerAsync_UnpaidOvertimeToldWithTheHours_AnswersWithTheOvertimeRules()
    {
        var answer = await CreateSut().AnswerAsync("每天晚上加班三个小时，老板说没有加班费", topic: LegalTopics.Labour);

        Assert.True(answer.Found);
        Assert.Contains((answer.Citations[0].LawId, answer.Citations[0].Article), new[] { ("labor-law", "第四十四条"), ("labor-contract-law", "第八十五条") });
    }
}
