namespace CitizenBot.Dialogs.LegalAid;

/// <summary>The answers of the legal-aid eligibility check.</summary>
internal sealed record EligibilityState
{
    public LegalAidMatter? Matter { get; init; }

    /// <summary>进城务工人员 (法律援助法 第四十二条(三)); asked only for wages and work injury.</summary>
    public bool? MigrantWorker { get; init; }

    /// <summary>Minor, elderly or disabled without fixed income, or receiving assistance (第四十二条(一)(二)).</summary>
    public bool? ExemptGroup { get; init; }

    /// <summary>The citizen says the household meets the province's hardship standard.</summary>
    public bool? MeetsHardshipStandard { get; init; }
}

/// <summary>The matters of 法律援助法 第三十一条 and 第三十二条, in menu order.</summary>
internal enum LegalAidMatter
{
    Wages,
    WorkInjury,
    OtherInjury,
    Support,
    Benefits,
    Abuse,
    Samaritan,
    Criminal,
    Other,
}
