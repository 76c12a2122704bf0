using CitizenBot.Channels.Activities;

namespace CitizenBot.Channels.Turns;

/// <summary>
/// The bot as channel adapters see it. An adapter verifies and normalises an inbound request into an
/// <see cref="Activity"/>, hands it here, and renders the replies for its channel. Replies are returned only
/// after the state that produced them has been saved.
/// </summary>
public interface ITurnProcessor
{
    Task<TurnOutcome> ProcessAsync(Activity activity, CancellationToken cancellationToken);
}

/// <summary>The result of one inbound activity.</summary>
/// <param name="Replies">Replies addressed to the sender, in order; already saved-state safe to deliver.</param>
/// <param name="Status">Whether the turn ran, or was a duplicate of one that already did.</param>
public sealed record TurnOutcome(IReadOnlyList<Activity> Replies, TurnStatus Status)
{
    public static TurnOutcome Duplicate(IReadOnlyList<Activity> firstReplies) => new(firstReplies, TurnStatus.Duplicate);
}

public enum TurnStatus
{
    /// <summary>The dialogs ran for this activity.</summary>
    Completed,

    /// <summary>The same channel message was seen before; the dialogs did not run again.</summary>
    Duplicate,
}
