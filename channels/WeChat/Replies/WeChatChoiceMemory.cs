using System.Collections.Concurrent;
using System.Globalization;

namespace CitizenBot.Channels.WeChat.Replies;

/// <summary>
/// Remembers the numbered options last shown to each user, so that an answer "2" reaches the bot as the option
/// itself. In memory: after a restart a bare number simply reaches the bot as typed.
/// </summary>
internal sealed class WeChatChoiceMemory(TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, (IReadOnlyList<WeChatChoice> Choices, DateTimeOffset Expires)> _offers =
        new(StringComparer.Ordinal);

    public void Remember(string openId, IReadOnlyList<WeChatChoice> choices)
    {
        if (choices.Count > 0)
        {
            _offers[openId] = (choices, time.GetUtcNow() + Lifetime);
        }
    }

    /// <summary>The value of option <paramref name="text"/> when it is the number of an offered option; otherwise null.</summary>
    public string? Resolve(string openId, string? text)
    {
        if (!int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || !_offers.TryGetValue(openId, out var offer) || offer.Expires <= time.GetUtcNow()
            || number < 1 || number > offer.Choices.Count)
        {
            return null;
        }

        _offers.TryRemove(openId, out _);
        return offer.Choices[number - 1].Value;
    }
}
