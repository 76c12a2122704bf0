using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.Cards;
using CitizenBot.Dialogs.Report;

namespace CitizenBot.Dialogs.Tests.Harness;

/// <summary>Plays a <see cref="Transcript"/> against a <see cref="TestBot"/> and fails at the first line that differs.</summary>
internal static partial class TranscriptRunner
{
    /// <summary>A web address longer than <see cref="Markdown.MaxShownUrlLength"/> characters, shown as it is.</summary>
    [GeneratedRegex(@"https?://\S{33,}")]
    private static partial Regex LongUrl();

    public static async Task RunAsync(Transcript transcript, TestBot bot)
    {
        var pending = new Queue<Activity>();
        Activity? last = null;
        var lastUserLine = 0;
        foreach (var line in transcript.Lines)
        {
            var where = $"{transcript.Name}:{line.Number}";
            switch (line.Kind)
            {
                case TranscriptLineKind.User:
                    AssertNothingPending(pending, $"{transcript.Name}:{lastUserLine}");
                    lastUserLine = line.Number;
                    foreach (var reply in await bot.SendAsync(Transcript.ToActivity(line.Text)))
                    {
                        pending.Enqueue(reply);
                    }

                    break;

                case TranscriptLineKind.Restart:
                    AssertNothingPending(pending, $"{transcript.Name}:{lastUserLine}");
                    bot.Restart();
                    break;

                case TranscriptLineKind.Later:
                    AssertNothingPending(pending, $"{transcript.Name}:{lastUserLine}");
                    var amount = int.Parse(line.Text[..^1], System.Globalization.CultureInfo.InvariantCulture);
                    bot.Desk.Now += line.Text[^1] == 'd' ? TimeSpan.FromDays(amount) : TimeSpan.FromHours(amount);
                    break;

                case TranscriptLineKind.Center:
                    AssertNothingPending(pending, $"{transcript.Name}:{lastUserLine}");
                    var parts = line.Text.Split(' ', 3);
                    var ticket = bot.Desk.Tickets.Single(t => t.Number == parts[0]);
                    bot.Desk.ChangeStatus(ticket.TicketId, Enum.GetValues<TicketStatus>().Single(s => s.Display() == parts[1]), parts.Length > 2 ? parts[2] : null);
                    break;

                case TranscriptLineKind.Reply:
                case TranscriptLineKind.ReplyContains:
                    Assert.True(pending.Count > 0, $"{where}: expected a reply \"{line.Text}\" but the bot said nothing more.");
                    last = pending.Dequeue();
                    AssertWellFormed(last, where);
                    if (line.Kind == TranscriptLineKind.Reply)
                    {
                        Assert.True(line.Text == Shown(last), $"{where}: expected\n{line.Text}\nbut the bot said\n{Shown(last)}");
                    }
                    else
                    {
                        Assert.True(Shown(last).Contains(line.Text, StringComparison.Ordinal), $"{where}: expected a reply containing\n{line.Text}\nbut the bot said\n{Shown(last)}");
                    }

                    break;

                case TranscriptLineKind.Buttons:
                    Assert.True(last is not null, $"{where}: <buttons must follow a reply.");
                    var expected = line.Text.Split('|', StringSplitOptions.TrimEntries);
                    var actual = last!.SuggestedActions?.Actions.Select(a => a.Title ?? string.Empty).ToArray() ?? [];
                    Assert.True(expected.SequenceEqual(actual), $"{where}: expected buttons [{string.Join(" | ", expected)}] but got [{string.Join(" | ", actual)}].");
                    break;

                case TranscriptLineKind.Card:
                    Assert.True(last is not null, $"{where}: <card must follow a reply.");
                    var words = CardWords(last!);
                    Assert.True(words.Count > 0, $"{where}: expected a card but the reply is text only.");
                    Assert.True(words.Any(w => w.Contains(line.Text, StringComparison.Ordinal)), $"{where}: expected the card to show \"{line.Text}\" but it shows\n{string.Join("\n", words)}");
                    break;

                default:
                    throw new InvalidOperationException($"{where}: unknown line kind {line.Kind}.");
            }
        }

        AssertNothingPending(pending, $"{transcript.Name}:{lastUserLine}");
    }

    /// <summary>
    /// The reply as a text-only channel shows it: the text, then its options numbered one per line (the way the WeChat
    /// adapter renders suggested actions), so transcripts read like the conversation a resident sees.
    /// </summary>
    /// <summary>The words a card shows: its texts, facts and button titles (links as their labels).</summary>
    public static IReadOnlyList<string> CardWords(Activity reply)
    {
        var words = new List<string>();
        foreach (var card in reply.Attachments?.Where(a => a.ContentType == AdaptiveCard.ContentType && a.Content is not null) ?? [])
        {
            Collect(card.Content!.Value, words);
        }

        return words;

        static void Collect(JsonElement element, List<string> words)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        if (property.Name is "text" or "title" or "value" && property.Value.ValueKind == JsonValueKind.String)
                        {
                            words.Add(Markdown.ToPlain(property.Value.GetString()!));
                        }
                        else if (property.Name is not ("fallbackText" or "speak"))
                        {
                            Collect(property.Value, words);
                        }
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Collect(item, words);
                    }

                    break;
            }
        }
    }

    /// <summary>What a reader sees of the reply as text (the text fallback of a card): markdown links as their labels.</summary>
    public static string Shown(Activity reply)
    {
        var text = reply.TextFormat == TextFormats.Markdown ? Markdown.ToPlain(reply.Text ?? string.Empty) : reply.Text;
        var shown = new StringBuilder(text);
        var number = 0;
        foreach (var action in reply.SuggestedActions?.Actions ?? [])
        {
            shown.Append('\n').Append(++number).Append(". ").Append(action.Title);
        }

        return shown.ToString();
    }

    private static void AssertWellFormed(Activity reply, string where)
    {
        Assert.True(reply.Type == ActivityTypes.Message, $"{where}: a reply must be a message, got {reply.Type}.");
        Assert.True(reply.TextFormat is TextFormats.Plain or TextFormats.Markdown, $"{where}: a reply must be plain text or markdown.");
        if (reply.TextFormat == TextFormats.Plain)
        {
            Assert.True(Markdown.FromPlain(reply.Text ?? string.Empty) is null, $"{where}: a plain reply has a hotline or a web address that is not a link:\n{reply.Text}");
        }

        var longUrl = LongUrl().Match(Shown(reply));
        Assert.False(longUrl.Success, $"{where}: a reply shows the raw address {longUrl.Value}; name the link instead.");
        Assert.True(reply.Recipient?.Id == TestActivities.UserId, $"{where}: a reply must be addressed to the user.");
        Assert.False(string.IsNullOrWhiteSpace(reply.Text), $"{where}: a reply must say something.");
    }

    private static void AssertNothingPending(Queue<Activity> pending, string where)
    {
        if (pending.Count == 0)
        {
            return;
        }

        var unexpected = new StringBuilder();
        foreach (var reply in pending)
        {
            unexpected.Append("\n< ").Append(Shown(reply).Replace("\n", "\\n", StringComparison.Ordinal));
        }

        Assert.Fail($"{where}: the bot said more than the transcript expects:{unexpected}");
    }
}
