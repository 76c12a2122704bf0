using System.Collections.Concurrent;
using CitizenBot.Channels.Activities;
using CitizenBot.Channels.Turns;

namespace CitizenBot.Channels.Tests.DirectLine;

/// <summary>
/// The bot as the server sees it: greets on conversationUpdate, answers a message with "你说：…". When
/// <see cref="Gate"/> is set, a message turn waits for it (the "slow bot").
/// </summary>
internal sealed class FakeBot : ITurnProcessor
{
    public const string Greeting = "您好，我是综治中心小助手。";

    public ConcurrentQueue<Activity> Received { get; } = new();

    public TaskCompletionSource? Gate { get; set; }

    /// <summary>Runs inside every message turn before the reply (e.g. what 删除我的信息 does).</summary>
    public Func<Activity, Task>? OnMessage { get; set; }

    /// <summary>When set, a message turn throws (the broken bot).</summary>
    public bool Fails { get; set; }

    public async Task<TurnOutcome> ProcessAsync(Activity activity, CancellationToken cancellationToken)
    {
        Received.Enqueue(activity.Clone());
        if (activity.Type == ActivityTypes.ConversationUpdate)
        {
            return new TurnOutcome([activity.CreateReply(Greeting)], TurnStatus.Completed);
        }

        if (!activity.IsMessage)
        {
            return new TurnOutcome([], TurnStatus.Completed);
        }

        if (Fails)
        {
            throw new InvalidOperationException("the bot broke");
        }

        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (OnMessage is { } onMessage)
        {
            await onMessage(activity);
        }

        return new TurnOutcome([activity.CreateReply($"你说：{activity.Text}")], TurnStatus.Completed);
    }
}
