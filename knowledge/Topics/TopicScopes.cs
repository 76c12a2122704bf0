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

    // The fire-safety duties of a residential building (the property company keeps its shared fire equipment, nobody blocks
    // its stairs and exits): clutter in the stairwell is asked about as a neighbour or property matter.
    private static readonly LawRange BuildingFireDuties = new(FireProtection, 18, 18);
    private static readonly LawRange EscapeRoutes = new(FireProtection, 28, 28);

    private static readonly Dictionary<string, LawRange[]> Scopes = new(StringComparer.Ordinal)
    {
        [LegalTopics.Labour] = [new(LaborContract), new(LaborLaw), new(LaborDispute), new(MigrantWages), new(WorkInjury)],
        [LegalTopics.Dismissal] = [new(LaborContract), new(LaborLaw), new(LaborDispute)],
        [LegalTopics.Wages] = [new(LaborContract), new(LaborLaw), new(LaborDispute), new(MigrantWages), new(CivilProcedure, 225, 228)],
        [LegalTopics.WorkInjury] = [new(WorkInjury), new(LaborLaw), new(LaborContract), new(LaborDispute)],
        [LegalTopics.Family] = [MarriageAndFamily, Guardianship, new("anti-domestic-violence-law")],
        [LegalTopics.Inheritance] = [Succession],
        [LegalTopics.Neighbours] = [Neighbouring, PropertyProtection, Condominium, TortGeneral, AnimalsAndBuildings, PropertyService, new(PublicSecurity), new("people-mediation-law"), BuildingFireDuties, EscapeRoutes],
        [LegalTopics.Property] = [new("property-management-regulations"), Condominium, PropertyService, Neighbouring, AnimalsAndBuildings, BuildingFireDuties, EscapeRoutes],
        [LegalTopics.Consumer] = [new("consumer-protection-law"), ContractGeneral, Sale, TortGeneral, ProductLiability],
        [LegalTopics.Traffic] = [new("road-traffic-safety-law"), MotorVehicle, TortGeneral, new(CivilProcedure, 29, 30)],
        [LegalTopics.Tenancy] = [Lease, ContractGeneral],
        [LegalTopics.Debt] = [LoanAndGuarantee, Limitation, ContractGeneral, new(CivilProcedure)],
        [LegalTopics.PublicSecurity] = [new(PublicSecurity), TortGeneral, CivilLiability, Personality],
        [LegalTopics.DomesticViolence] = [new("anti-domestic-violence-law"), MarriageAndFamily, new(PublicSecurity)],
        [LegalTopics.Procedure] = [new("people-mediation-law"), new(CivilProcedure), new(LaborDispute), new("petition-work-regulations"), Limitation],
        [LegalTopics.LegalAid] = [new(LegalAid), new(MigrantWages, 45, 45)],
        [LegalTopics.Medical] = [new("medical-dispute-regulations"), MedicalDamage, TortGeneral],
        [LegalTopics.SocialAssistance] = [new("social-assistance-interim-measures")],
        // Rural land is asked about as a planning matter (demolition, land taken for a project, a contracted field taken
        // back): the Civil Code's expropriation and land-contract rules answer it.
        [LegalTopics.Planning] = [new("urban-rural-planning-law"), Expropriation, ContractedLand],
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
