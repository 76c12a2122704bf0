namespace CitizenBot.Dialogs.Identity;

/// <summary>Who is reporting, as the channel identifies them.</summary>
public sealed record Reporter(string ChannelId, string UserId, string ConversationId, ReporterRole Role = ReporterRole.Resident);

/// <summary>Whether the reporter writes as a resident or as a registered grid worker.</summary>
public enum ReporterRole
{
    Resident,
    GridWorker,
}
