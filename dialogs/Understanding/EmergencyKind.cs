namespace CitizenBot.Dialogs.Understanding;

/// <summary>The kinds of emergency and crisis the bot answers before anything else, in answer order.</summary>
internal enum EmergencyKind
{
    /// <summary>Self-harm or suicide risk: a calm message, 110/120 and the crisis hotline; never a form.</summary>
    SelfHarm,

    /// <summary>Domestic violence: 110, the protection-order facts and the legal-aid path.</summary>
    DomesticViolence,

    /// <summary>Violence in progress: fights, knives, robbery, assault.</summary>
    Violence,

    Fire,
    GasLeak,
    Explosion,

    /// <summary>People trapped: a lift, a collapse, a fire.</summary>
    Trapped,

    /// <summary>A traffic accident with injuries.</summary>
    TrafficInjury,

    Drowning,

    /// <summary>A child or an elder in danger or missing, or someone collapsed.</summary>
    PersonInDanger,

    /// <summary>A building or structure collapsing, a crane or scaffolding about to fall, objects falling on people.</summary>
    Collapse,

    /// <summary>A landslide, a mudslide, or a flood reaching homes.</summary>
    Disaster,

    /// <summary>A telephone fraud in progress (a "police officer" asking for a transfer to a 安全账户): stop, and 110 or 96110.</summary>
    Fraud,

    /// <summary>A bare cry for help that names no danger ("救命", "sos"): every number, and a question of what is happening.</summary>
    CryForHelp,
}
