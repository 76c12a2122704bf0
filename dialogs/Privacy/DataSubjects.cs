using CitizenBot.Channels.Activities;

namespace CitizenBot.Dialogs.Privacy;

/// <summary>Whose data a message is about, as the channel identifies them.</summary>
internal static class DataSubjects
{
    public static DataSubject From(Activity activity) =>
        new(activity.ChannelId ?? string.Empty, activity.From?.Id ?? string.Empty, activity.Conversation?.Id ?? string.Empty);
}
