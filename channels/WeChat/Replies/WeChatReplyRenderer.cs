using System.Text;
using System.Text.Json;
using CitizenBot.Channels.Activities;
using CitizenBot.Channels.WeChat.Xml;

namespace CitizenBot.Channels.WeChat.Replies;

/// <summary>
/// Merges one turn's activities into one text (the customer-service quota counts messages), renders
/// suggested actions as numbered options, and splits the text into chunks WeChat accepts.
/// </summary>
internal static class WeChatReplyRenderer
{
    /// <summary>The Bot Framework handoff event name a dialog sends for 人工.</summary>
    public const string HandOffEventName = "handoff.initiate";

    public static WeChatReply Render(IReadOnlyList<Activity> activities)
    {
        var parts = new List<string>();
        var articles = new List<WeChatArticle>();
        var handOff = false;
        foreach (var activity in activities)
        {
            if (string.Equals(activity.Type, ActivityTypes.Event, StringComparison.Ordinal)
                && string.Equals(activity.Name, HandOffEventName, StringComparison.OrdinalIgnoreCase))
            {
                handOff = true;
                continue;
            }

            if (!activity.IsMessage)
            {
                continue;
            }

            var text = string.Equals(activity.TextFormat, TextFormats.Markdown, StringComparison.Ordinal) && activity.Text is { } markdown
                ? WeChatMarkdown.ToText(markdown)
                : activity.Text;
            var part = new StringBuilder(text?.Trim());
            if (ArticleOf(activity) is { } article)
            {
                articles.Add(article);
            }

            foreach (var attachment in activity.Attachments ?? [])
            {
                if (Uri.TryCreate(attachment.ContentUrl, UriKind.Absolute, out var url) && url.Scheme is "https" or "http")
                {
                    AppendLine(part, $"<a href=\"{url.AbsoluteUri}\">{attachment.Name ?? url.AbsoluteUri}</a>");
                }
            }

            if (activity.SuggestedActions is { Actions.Count: > 0 } actions)
            {
                // A number answers the latest question's options; the dialogs keep them with the conversation.
                var number = 0;
                foreach (var action in actions.Listed)
                {
                    AppendLine(part, $"{++number}. {action.Title}");
                }

                AppendLine(part, WeChatTexts.ChooseByNumber);
            }

            if (part.Length > 0)
            {
                parts.Add(part.ToString());
            }
        }

        // Senparc normalises \r\n for an iPhone line-break bug.
        var merged = string.Join("\n\n", parts).Replace("\r\n", "\n", StringComparison.Ordinal);
        return new WeChatReply(Split(merged, WeChatDefaults.MaxTextBytes), handOff) { Articles = articles };
    }

    /// <summary>Splits at line breaks where possible, never inside a character, each chunk at most <paramref name="maxBytes"/>.</summary>
    public static IReadOnlyList<string> Split(string text, int maxBytes)
    {
        var chunks = new List<string>();
        var rest = text.AsSpan().Trim();
        while (!rest.IsEmpty)
        {
            if (Encoding.UTF8.GetByteCount(rest) <= maxBytes)
            {
                chunks.Add(rest.ToString());
                break;
            }

            var fit = 0;
            var bytes = 0;
            while (fit < rest.Length)
            {
                var width = char.IsHighSurrogate(rest[fit]) && fit + 1 < rest.Length ? 2 : 1;
                var size = Encoding.UTF8.GetByteCount(rest.Slice(fit, width));
                if (bytes + size > maxBytes)
                {
                    break;
                }

                bytes += size;
                fit += width;
            }

            var cut = rest[..fit].LastIndexOf('\n');
            var end = cut > fit / 2 ? cut : fit;
            chunks.Add(rest[..end].TrimEnd().ToString());
            rest = rest[end..].TrimStart();
        }

        return chunks;
    }

    /// <summary>
    /// The article a card offers any channel that shows link previews (<c>channelData.article</c>: title, description,
    /// url, imageUrl); only a web link makes one.
    /// </summary>
    private static WeChatArticle? ArticleOf(Activity activity)
    {
        if (activity.ChannelData is not { ValueKind: JsonValueKind.Object } data
            || !data.TryGetProperty("article", out var article) || article.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var url = StringOf(article, "url");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var link) || link.Scheme is not ("https" or "http"))
        {
            return null;
        }

        var picture = StringOf(article, "imageUrl");
        return new WeChatArticle(
            StringOf(article, "title") ?? string.Empty,
            StringOf(article, "description") ?? string.Empty,
            link.AbsoluteUri,
            Uri.TryCreate(picture, UriKind.Absolute, out var pic) && pic.Scheme is "https" or "http" ? pic.AbsoluteUri : null);

        static string? StringOf(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    private static void AppendLine(StringBuilder text, string line)
    {
        if (text.Length > 0)
        {
            text.Append('\n');
        }

        text.Append(line);
    }
}
