using System.Collections.Concurrent;
using CitizenBot.Channels.Activities;
using CitizenBot.Channels.Turns;

namespace CitizenBot.Channels.Tests.WeChat.Fakes;

/// <summary>The bot as the channel sees it: records each activity and answers with <see cref="Respond"/>.</summary>
internal sealed class FakeTurnProcessor : ITurnProcessor
{
    private int _turns;

    public ConcurrentQueue<Activity> Received { get; } = new();

    public int Turns => Volatile.Read(ref _turns);

    /// <summary>Replies to an activity; by default echoes its text.</summary>
    public Func<Activity, Task<IReadOnlyList<Activity>>> Respond { get; set; } =
        activity => Task.FromResult<IReadOnlyList<Activity>>([activity.CreateReply($"收到：{activity.Text}")]);

    public async Task<TurnOutcome> ProcessAsync(Activity activity, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _turns);
        Received.Enqueue(activity);
        return new TurnOutcome(await Respond(activity), TurnStatus.Completed);
    }
}
