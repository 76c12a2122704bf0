namespace CitizenBot.Dialogs.Privacy;

/// <summary>
/// The citizen's control of their own data: what the bot keeps about them, and erasing it. The bot implements
/// it over its stores; without it the flow says plainly that it cannot be done here and where to ask instead.
/// </summary>
public interface IPersonalDataDesk
{
    /// <summary>What is kept about <paramref name="subject"/> beyond this conversation's own state.</summary>
    Task<PersonalDataSummary> DescribeAsync(DataSubject subject, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the subject's conversation references, grid-worker record and photos not yet sent, and anonymises their
    /// tickets and bookings locally (the center keeps its own copy). This conversation's state is emptied by the dialogs.
    /// </summary>
    Task<PersonalDataErasure> EraseAsync(DataSubject subject, CancellationToken cancellationToken);

    /// <summary>The subject left the channel (WeChat unsubscribe): erase after the grace period unless they come back.</summary>
    Task EraseAfterGracePeriodAsync(DataSubject subject, CancellationToken cancellationToken);

    /// <summary>The subject came back (WeChat subscribe): a pending erasure is called off.</summary>
    Task CancelPendingErasureAsync(DataSubject subject, CancellationToken cancellationToken);
}

/// <summary>Whose data: the channel's id of the citizen and the conversation they use.</summary>
public sealed record DataSubject(string ChannelId, string UserId, string ConversationId);

/// <param name="Available">False when the bot cannot look (no store behind the port).</param>
/// <param name="TicketNumbers">The subject's tickets, newest first.</param>
/// <param name="TicketsWithContact">How many of them carry a name and phone number the citizen left.</param>
/// <param name="GridWorker">The grid-worker registration: name and masked mobile.</param>
/// <param name="UnsentPhotos">Photos uploaded but not (yet) part of a ticket.</param>
/// <param name="KeepsAddress">A conversation address is kept to send progress and reminders.</param>
/// <param name="RetentionDays">How long finished tickets and bookings are kept with the citizen's details.</param>
public sealed record PersonalDataSummary(
    bool Available,
    IReadOnlyList<string> TicketNumbers,
    int TicketsWithContact,
    IReadOnlyList<string> BookingNumbers,
    string? GridWorker,
    int UnsentPhotos,
    bool KeepsAddress,
    int? RetentionDays)
{
    public static PersonalDataSummary Unavailable { get; } = new(false, [], 0, [], null, 0, false, null);
}

/// <param name="Done">False when nothing could be erased here (no store behind the port).</param>
public sealed record PersonalDataErasure(bool Done, int TicketsAnonymised, int BookingsAnonymised, int PhotosDeleted, bool GridWorkerDeleted)
{
    public static PersonalDataErasure NotDone { get; } = new(false, 0, 0, 0, false);
}
