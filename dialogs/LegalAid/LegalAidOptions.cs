using System.ComponentModel.DataAnnotations;

namespace CitizenBot.Dialogs.LegalAid;

/// <summary>
/// Local facts of legal aid, bound from the <c>LegalAid</c> section. Hardship standards are set by each province and
/// change (法律援助法 第三十四条), so they are configuration, never code.
/// </summary>
public sealed class LegalAidOptions
{
    public const string SectionName = "LegalAid";

    /// <summary>Whose standard applies, in the citizen's words (<c>LegalAid:Province</c>).</summary>
    /// <value>Default 本省.</value>
    [Required]
    public string Province { get; set; } = "本省";

    /// <summary>The province's economic-hardship standard as published (<c>LegalAid:HardshipStandard</c>).</summary>
    /// <value>Default: a sentence that sends the citizen to the legal-aid center for the figure.</value>
    [Required]
    public string HardshipStandard { get; set; } = "家庭人均收入低于当地法律援助经济困难标准（具体数额以当地法律援助机构公布的为准）";

    /// <summary>Where to apply (<c>LegalAid:CenterName</c>).</summary>
    /// <value>Default 县法律援助中心.</value>
    [Required]
    public string CenterName { get; set; } = "县法律援助中心";

    /// <summary>The center's address (<c>LegalAid:CenterAddress</c>); shown when set.</summary>
    public string? CenterAddress { get; set; }

    /// <summary>The center's phone (<c>LegalAid:CenterPhone</c>); shown when set.</summary>
    [RegularExpression("^[0-9-]{3,20}$", ErrorMessage = "LegalAid:CenterPhone must be a phone number (digits and dashes).")]
    public string? CenterPhone { get; set; }

    /// <summary>The public legal-service hotline (<c>LegalAid:LegalHotline</c>).</summary>
    /// <value>Default 12348.</value>
    [Required]
    [RegularExpression("^[0-9-]{3,20}$", ErrorMessage = "LegalAid:LegalHotline must be a phone number (digits and dashes).")]
    public string LegalHotline { get; set; } = "12348";
}
