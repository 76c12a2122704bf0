using System.Text.Json.Nodes;
using CitizenBot.Channels.Activities;

namespace CitizenBot.Dialogs.Cards;

/// <summary>
/// A reply people would rather look at than read: an Adaptive Card, the same content as text for clients without cards
/// (old clients, WeChat, screen readers), and optionally an article (title, line, link, picture) for channels that show
/// link previews: WeChat sends it as 图文消息.
/// </summary>
/// <param name="Text">The text fallback, plain; hotlines and addresses in it become links (<see cref="Markdown"/>).</param>
internal sealed record CardReply(AdaptiveCard Card, string Text, CardArticle? Article = null)
{
    /// <summary>
    /// The message: its text is the fallback (markdown when it has links), the card is its one attachment, the article
    /// rides in <c>channelData.article</c>. The web page shows the card and not the text.
    /// </summary>
    public Activity ToActivity(Activity? inReplyTo = null)
    {
        var activity = inReplyTo?.CreateReply() ?? Activity.CreateMessage(null);
        var markdown = Markdown.FromPlain(Text);
        activity.Text = markdown ?? Text;
        activity.TextFormat = markdown is null ? TextFormats.Plain : TextFormats.Markdown;
        activity.Attachments = [new Attachment { ContentType = AdaptiveCard.ContentType, Content = Card.ToElement() }];
        if (Article is { } article)
        {
            var node = new JsonObject { ["title"] = article.Title, ["description"] = article.Description, ["url"] = article.Url };
            if (article.ImageUrl is not null)
            {
                node["imageUrl"] = article.ImageUrl;
            }

            activity.ChannelData = CardJson.Element(new JsonObject { ["article"] = node });
        }

        return activity;
    }
}

internal sealed record CardArticle(string Title, string Description, string Url, string? ImageUrl);
