using System.ComponentModel.DataAnnotations;

namespace CitizenBot.Dialogs.Safety;

/// <summary>Settings of the emergency answer and the abuse limits, bound from the <c>Safety</c> section.</summary>
public sealed class SafetyOptions
{
    public const string SectionName = "Safety";

    /// <summary>The psychological-assistance hotline given with a self-harm answer (<c>Safety:CrisisHotline</c>).</summary>
    /// <value>Default <c>12356</c>, the national psychological-assistance hotline.</value>
    [Required]
    [RegularExpression("^[0-9-]{3,20}$", ErrorMessage = "Safety:CrisisHotline must be a phone number (digits and dashes).")]
    public string CrisisHotline { get; set; } = "12356";

    /// <summary>When the crisis hotline answers, in the citizen's words (<c>Safety:CrisisHotlineHours</c>); shown when set.</summary>
    public string? CrisisHotlineHours { get; set; }

    /// <summary>More messages than this in one minute is flooding: one notice, then silence until the minute passes (<c>Safety:FloodLimitPerMinute</c>).</summary>
    /// <value>Default 60: one message a second for a whole minute, beyond any person typing or tapping.</value>
    [Range(5, 1000)]
    public int FloodLimitPerMinute { get; set; } = 60;

    /// <summary>After this many insults within <see cref="InsultWindow"/> the bot says once that it stops answering them (<c>Safety:InsultsBeforeQuiet</c>).</summary>
    /// <value>Default 3.</value>
    [Range(1, 100)]
    public int InsultsBeforeQuiet { get; set; } = 3;

    /// <summary>How long insults are remembered (<c>Safety:InsultWindow</c>).</summary>
    /// <value>Default 10 minutes.</value>
    public TimeSpan InsultWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a flow interrupted by an emergency can be resumed with "继续" (<c>Safety:ResumeWindow</c>).</summary>
    /// <value>Default 24 hours.</value>
    public TimeSpan ResumeWindow { get; set; } = TimeSpan.FromHours(24);
}
