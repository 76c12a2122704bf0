using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.Cards;

namespace CitizenBot.Dialogs.Tests.Harness;

/// <summary>A reply's text as a reader sees it: markdown links as their labels (a card's text fallback included).</summary>
internal static class ShownText
{
    public static string Shown(this Activity reply) =>
        reply.TextFormat == TextFormats.Markdown ? Markdown.ToPlain(reply.Text ?? string.Empty) : reply.Text ?? string.Empty;
}
