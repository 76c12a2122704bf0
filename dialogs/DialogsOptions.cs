using System.ComponentModel.DataAnnotations;

namespace CitizenBot.Dialogs;

/// <summary>Settings of the dialogs, bound from the <c>Bot</c> configuration section.</summary>
public sealed class DialogsOptions
{
    public const string SectionName = "Bot";

    /// <summary>The hotline a citizen is told to call for a person (<c>Bot:HumanHotline</c>).</summary>
    /// <value>Default <c>12345</c>, the county government service hotline.</value>
    [Required]
    [RegularExpression("^[0-9-]{3,20}$", ErrorMessage = "Bot:HumanHotline must be a phone number (digits and dashes).")]
    public string HumanHotline { get; set; } = "12345";

    /// <summary>When the hotline answers, in the citizen's words (<c>Bot:HumanHotlineHours</c>).</summary>
    /// <value>Default: the <c>HumanHotlineHoursDefault</c> text (all day, every day).</value>
    public string? HumanHotlineHours { get; set; }
}
