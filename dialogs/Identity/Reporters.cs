using CitizenBot.Channels.Activities;

namespace CitizenBot.Dialogs.Identity;

/// <summary>Who is writing, as the channel identifies them.</summary>
internal static class Reporters
{
    public static Reporter From(Activity activity, ReporterRole role = ReporterRole.Resident) =>
        new(activity.ChannelId ?? string.Empty, activity.From?.Id ?? string.Empty, activity.Conversation?.Id ?? string.Empty, role);
}
