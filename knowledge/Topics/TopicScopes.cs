namespace CitizenBot.Knowledge.Topics;

/// <summary>A statute, or a run of its articles, that may answer questions of a topic.</summary>
internal readonly record struct LawRange(string LawId, int From = 1, int To = int.MaxValue)
{
    public bool Contains(string lawId, int article) => LawId == lawId && article >= From && article <= To;
}

/// <summary>Which statutes may answer each topic (<see cref="LegalTopics"/>).</summary>
internal static class TopicScopes
{
    private const string CivilCode = "civil-code";
    private const string LaborContract = "labor-contract-law";
    private const string LaborLaw = "labor-law";
    private const string LaborDispute = "labor-dispute-mediation-arbitration-law";
    private const string MigrantWages = "migrant-worker-wage-payment-regulations";
    private const string WorkInjury = "work-injury-insurance-regulations";
    private const string PublicSecurity = "public-security-administration-punishments-law";
    private const string CivilProcedure = "civil-procedure-law";
    private const string LegalAid = "legal-aid-law";
    private const string FireProtection = "fire-protection-law";
    private const string RuralLandContract = "rural-land-contract-law";
    private const string LandAdministration = "land-administration-law";
    private const string FoodSafety = "food-safety-law";
    private const string Minors = "minors-protection-law";
    private const string Noise = "noise-pollution-prevention-law";
    private const string Elderly = "elderly-rights-protection-law";
    private const string SocialInsurance = "social-insurance-law";

    // Civil Code parts (articles as numbered in Corpus/laws/civil-code.md).
    private static readonly LawRange Limitation = new(CivilCode, 188, 199);
    private static readonly LawRange CivilLiability = new(CivilCode, 176, 187);
    private static readonly LawRange Condominium = new(CivilCode, 271, 287);
    private static readonly LawRange Neighbouring = new(CivilCode, 288, 296);
    private static readonly LawRange ContractGeneral = new(CivilCode, 463, 594);
    private static readonly LawRange Sale = new(CivilCode, 595, 647);
    private static readonly LawRange LoanAndGuarantee = new(CivilCode, 667, 702);
    private static readonly LawRange Lease = new(CivilCode, 703, 734);
    private static readonly LawRange PropertyService = new(CivilCode, 937, 950);
    private static readonly LawRange Personality = new(CivilCode, 989, 1039);
    private static readonly LawRange MarriageAndFamily = new(CivilCode, 1040, 1118);
    private static readonly LawRange Succession = new(CivilCode, 1119, 1163);
    private static readonly LawRange TortGeneral = new(CivilCode, 1164, 1201);
    private static readonly LawRange ProductLiability = new(CivilCode, 1202, 1207);
    private static readonly LawRange MotorVehicle = new(CivilCode, 1208, 1217);
    private static readonly LawRange MedicalDamage = new(CivilCode, 1218, 1228);
    private static readonly LawRange AnimalsAndBuildings = new(CivilCode, 1245, 1258);
    private static readonly LawRange Guardianship = new(CivilCode, 26, 39);
    private static readonly LawRange PropertyProtection = new(CivilCode, 233, 239);
    private static readonly LawRange Expropriation = new(CivilCode, 243, 243);
    private static readonly LawRange ContractedLand = new(CivilCode, 330, 343);
    private static readonly LawRange Homestead = new(CivilCode, 362, 365);

    // The fire-safety duties of a residential building (the property company keeps its shared fire equipment, nobody blocks
    // its stairs and exits): clutter in the stairwell is asked about as a neighbour or property matter.
    private static readonly LawRange BuildingFireDuties = new(FireProtection, 18, 18);
    private static readonly LawRange EscapeRoutes = new(FireProtection, 28, 28);

    // Parts of the laws added on 2026-12-07 (articles as numbered in their files under Corpus/laws/).
    // 土地管理法第十四条: a dispute over who may use a piece of land (a homestead's boundary) goes to the township.
    private static readonly LawRange LandUseDisputes = new(LandAdministration, 14, 14);
    // 农村土地承包法: a married woman's contracted land, and the inheritance of the land's yield (and of a forest lease).
    private static readonly LawRange LandOfWomenAndHeirs = new(RuralLandContract, 31, 32);
    // 未成年人保护法: parents' duties (家庭保护), the school's and society's duties (学校保护, 社会保护: bullying, corporal
    // punishment, internet cafés, tobacco and alcohol, child labour), online games, the state's guardianship, and the
    // penalties and the court's protection order.
    private static readonly LawRange MinorsGeneral = new(Minors, 1, 14);
    private static readonly LawRange MinorsFamily = new(Minors, 15, 24);
    private static readonly LawRange MinorsSchoolAndSociety = new(Minors, 25, 63);
    private static readonly LawRange MinorsOnline = new(Minors, 64, 80);
    private static readonly LawRange MinorsState = new(Minors, 81, 99);
    private static readonly LawRange MinorsJustice = new(Minors, 100, 116);
    private static readonly LawRange MinorsLiability = new(Minors, 117, 129);
    private static readonly LawRange MinorsAbuseAndReporting = new(Minors, 11, 11);
    private static readonly LawRange MinorsForbiddenToParents = new(Minors, 17, 17);
    private static readonly LawRange ChildLabour = new(Minors, 61, 61);
    // 噪声污染防治法: social-life noise (neighbours, renovation, square dances, loudspeakers, shops), night-time building
    // work beside homes, the penalties and who handles the complaint; the shared pumps and lifts of a compound and the
    // property company's duty to dissuade are also a property matter.
    private static readonly LawRange NoiseGeneral = new(Noise, 1, 12);
    private static readonly LawRange BuildingWorkNoise = new(Noise, 39, 43);
    private static readonly LawRange SocialLifeNoise = new(Noise, 59, 70);
    private static readonly LawRange NoisePenalties = new(Noise, 77, 77);
    private static readonly LawRange SocialLifeNoisePenalties = new(Noise, 82, 87);
    private static readonly LawRange CompoundNoise = new(Noise, 66, 70);
    // 老年人权益保障法: the family's duties to the elderly (赡养与扶养), and the mediation, suits and penalties about them.
    private static readonly LawRange ElderlyFamily = new(Elderly, 13, 27);
    private static readonly LawRange ElderlyDisputes = new(Elderly, 75, 76);
    private static readonly LawRange ElderlyViolence = new(Elderly, 25, 25);

    private static readonly Dictionary<string, LawRange[]> Scopes = new(StringComparer.Ordinal)
    {
        [LegalTopics.Labour] = [new(LaborContract), new(LaborLaw), new(LaborDispute), new(MigrantWages), new(WorkInjury), new(SocialInsurance), ChildLabour],
        [LegalTopics.Dismissal] = [new(LaborContract), new(LaborLaw), new(LaborDispute)],
        [LegalTopics.Wages] = [new(LaborContract), new(LaborLaw), new(LaborDispute), new(MigrantWages), new(CivilProcedure, 225, 228)],
        [LegalTopics.WorkInjury] = [new(WorkInjury), new(LaborLaw), new(LaborContract), new(LaborDispute)],
        [LegalTopics.Family] = [MarriageAndFamily, Guardianship, new("anti-domestic-violence-law"), ElderlyFamily, ElderlyDisputes, MinorsGeneral, MinorsFamily, MinorsState, MinorsJustice, MinorsLiability],
        [LegalTopics.Inheritance] = [Succession, LandOfWomenAndHeirs],
        [LegalTopics.Neighbours] = [Neighbouring, PropertyProtection, Condominium, TortGeneral, AnimalsAndBuildings, PropertyService, new(PublicSecurity), new("people-mediation-law"), BuildingFireDuties, EscapeRoutes, LandUseDisputes, NoiseGeneral, BuildingWorkNoise, SocialLifeNoise, NoisePenalties, SocialLifeNoisePenalties],
        [LegalTopics.Property] = [new("property-management-regulations"), Condominium, PropertyService, Neighbouring, AnimalsAndBuildings, BuildingFireDuties, EscapeRoutes, CompoundNoise],
        [LegalTopics.Consumer] = [new("consumer-protection-law"), ContractGeneral, Sale, TortGeneral, ProductLiability, new(FoodSafety), MinorsOnline],
        [LegalTopics.Traffic] = [new("road-traffic-safety-law"), MotorVehicle, TortGeneral, new(CivilProcedure, 29, 30)],
        [LegalTopics.Tenancy] = [Lease, ContractGeneral],
        [LegalTopics.Debt] = [LoanAndGuarantee, Limitation, ContractGeneral, new(CivilProcedure)],
        [LegalTopics.PublicSecurity] = [new(PublicSecurity), TortGeneral, CivilLiability, Personality, MinorsGeneral, MinorsSchoolAndSociety, MinorsLiability],
        [LegalTopics.DomesticViolence] = [new("anti-domestic-violence-law"), MarriageAndFamily, new(PublicSecurity), MinorsAbuseAndReporting, MinorsForbiddenToParents, MinorsJustice, MinorsLiability, ElderlyViolence, ElderlyDisputes],
        [LegalTopics.Procedure] = [new("people-mediation-law"), new(CivilProcedure), new(LaborDispute), new("petition-work-regulations"), Limitation],
        [LegalTopics.LegalAid] = [new(LegalAid), new(MigrantWages, 45, 45)],
        [LegalTopics.Medical] = [new("medical-dispute-regulations"), MedicalDamage, TortGeneral],
        [LegalTopics.SocialAssistance] = [new("social-assistance-interim-measures")],
        // Rural land is asked about as a planning matter (demolition, land taken for a project, a contracted field taken
        // back, a homestead): the Civil Code's expropriation, land-contract and homestead rules, the rural land-contract law and the
        // land-administration law answer it.
        [LegalTopics.Planning] = [new("urban-rural-planning-law"), Expropriation, ContractedLand, Homestead, new(RuralLandContract), new(LandAdministration)],
        [LegalTopics.FireSafety] = [new(FireProtection)],
    };

    /// <summary>The statutes of a topic; empty for an unknown code.</summary>
    public static IReadOnlyList<LawRange> Of(string topic) => Scopes.GetValueOrDefault(topic) ?? [];

    public static bool Contains(string topic, string lawId, int article) => Of(topic).Any(r => r.Contains(lawId, article));

    /// <summary>The legal-aid law answers any topic's "can I get legal aid" question.</summary>
    public static bool IsLegalAid(string lawId) => lawId == LegalAid;

    /// <summary>The topics whose statutes hold the article, in the order of <see cref="LegalTopics.All"/>.</summary>
    public static IEnumerable<string> TopicsOf(string lawId, int article) =>
        LegalTopics.All.Where(t => Contains(t, lawId, article));
}
