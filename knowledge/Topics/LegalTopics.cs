namespace CitizenBot.Knowledge.Topics;

/// <summary>
/// The legal topics the understanding model gives every legal question, and for each the statutes (or the parts of a
/// statute) that may answer it. An article outside the question's topic is not cited unless an FAQ entry of that
/// topic rests on it.
/// </summary>
public static class LegalTopics
{
    public const string Labour = "labour";
    public const string Dismissal = "dismissal";
    public const string Wages = "wages";
    public const string WorkInjury = "work_injury";
    public const string Family = "family";
    public const string Inheritance = "inheritance";
    public const string Neighbours = "neighbours";
    public const string Property = "property";
    public const string Consumer = "consumer";
    public const string Traffic = "traffic";
    public const string Tenancy = "tenancy";
    public const string Debt = "debt";
    public const string PublicSecurity = "public_security";
    public const string DomesticViolence = "domestic_violence";
    public const string Procedure = "procedure";
    public const string LegalAid = "legal_aid";
    public const string Medical = "medical";
    public const string SocialAssistance = "social_assistance";
    public const string Planning = "planning";
    public const string FireSafety = "fire_safety";

    /// <summary>Every topic code, in the order above.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Labour, Dismissal, Wages, WorkInjury, Family, Inheritance, Neighbours, Property, Consumer, Traffic, Tenancy, Debt,
        PublicSecurity, DomesticViolence, Procedure, LegalAid, Medical, SocialAssistance, Planning, FireSafety,
    ];

    /// <summary>True for one of the codes in <see cref="All"/> (exact, lower case).</summary>
    public static bool IsKnown(string? topic) => topic is not null && All.Contains(topic, StringComparer.Ordinal);
}
