using System.Text.Json;
using CitizenBot.Bot.Turns;
using CitizenBot.Channels.Activities;
using StackExchange.Redis;

namespace CitizenBot.Bot.Scale;

/// <summary>
/// Channel dedup shared by every instance: the first delivery of a message takes the key with SET NX and runs the
/// turn; a delivery on any instance waits for the stored replies instead of running the dialogs again.
/// </summary>
internal sealed class RedisTurnDeduplicator(IConnectionMultiplexer redis) : ITurnDeduplicator
{
    private const string Pending = "pending";

    // A claim whose instance died lapses after this long, so a redelivery may run the turn after all.
    private static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public async Task<IReadOnlyList<Activity>?> ClaimAsync(string messageKey, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var key = RedisKeys.Turn(messageKey);
        while (true)
        {
            if (await database.StringSetAsync(key, Pending, PendingLifetime, When.NotExists).ConfigureAwait(false))
            {
                return null;
            }

            var value = (string?)await database.StringGetAsync(key).ConfigureAwait(false);
            if (value is not null && value != Pending)
            {
                return JsonSerializer.Deserialize(value, ActivityJson.Context.ListActivity) ?? [];
            }

            if (value is null)
            {
                continue;
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task CompleteAsync(string messageKey, IReadOnlyList<Activity> replies, CancellationToken cancellationToken) =>
        redis.GetDatabase().StringSetAsync(
            RedisKeys.Turn(messageKey), JsonSerializer.Serialize(replies.ToList(), ActivityJson.Context.ListActivity), InProcessTurnDeduplicator.Retention);

    public Task AbandonAsync(string messageKey, CancellationToken cancellationToken) =>
        redis.GetDatabase().KeyDeleteAsync(RedisKeys.Turn(messageKey));
}
