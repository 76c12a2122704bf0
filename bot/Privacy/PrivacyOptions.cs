using System.ComponentModel.DataAnnotations;

namespace CitizenBot.Bot.Privacy;

/// <summary>How long citizens' data is kept, bound from the <c>Privacy</c> section.</summary>
public sealed class PrivacyOptions
{
    public const string SectionName = "Privacy";

    /// <summary>After a WeChat unsubscribe, the citizen's data is erased once this has passed without them coming back (<c>Privacy:UnsubscribeGracePeriod</c>).</summary>
    /// <value>Default 7 days.</value>
    public TimeSpan UnsubscribeGracePeriod { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Finished tickets and past or cancelled bookings lose the citizen's details this many days after their last change (<c>Privacy:RetentionDays</c>).</summary>
    /// <value>Default 180.</value>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 180;

    /// <summary>Photos uploaded but never made part of a ticket are deleted after this (<c>Privacy:UnsentPhotoRetention</c>).</summary>
    /// <value>Default 3 days.</value>
    public TimeSpan UnsentPhotoRetention { get; set; } = TimeSpan.FromDays(3);

    /// <summary>The hour (UTC) of the daily clean-up (<c>Privacy:CleanupHourUtc</c>).</summary>
    /// <value>Default 19, i.e. 03:00 China time.</value>
    [Range(0, 23)]
    public int CleanupHourUtc { get; set; } = 19;
}
