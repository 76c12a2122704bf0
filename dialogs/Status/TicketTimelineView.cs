using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.Cards;
using CitizenBot.Dialogs.Report;
using CitizenBot.Dialogs.Resources;

namespace CitizenBot.Dialogs.Status;

/// <summary>
/// A ticket's progress as a card: a title, the facts (number, category, status, place) and a short timeline, newest
/// last. Used for a ticket chosen under 我的上报 and for each center update.
/// </summary>
/// <param name="Text">The same as text (the fallback), as before cards.</param>
internal sealed record TicketTimelineView(string Title, IReadOnlyList<Fact> Facts, IReadOnlyList<TicketEvent> Timeline, string Text)
{
    /// <summary>Sentences under the facts: the center's note, what to do next.</summary>
    public IReadOnlyList<string> Lines { get; init; } = [];

    /// <summary>Shown in a center update: the latest steps only, the whole history is under 我的上报.</summary>
    public const int MaxSteps = 6;

    public CardReply ToReply()
    {
        var body = new List<CardElement> { new TextBlock(Title, Size: "medium", Bold: true), new FactSet(Facts) };
        body.AddRange(Lines.Select(line => new TextBlock(Markdown.Card(line))));
        if (Timeline.Count > 0)
        {
            body.Add(new TextBlock(Texts.CardTimeline, Bold: true) { Separator = true });
            var steps = Timeline.OrderBy(e => e.At).TakeLast(MaxSteps).ToList();
            for (var i = 0; i < steps.Count; i++)
            {
                var step = steps[i];
                var latest = i == steps.Count - 1;
                var what = new List<CardElement> { new TextBlock(step.Status.Display(), Bold: latest, Color: latest ? "accent" : null) };
                if (step.Note is { Length: > 0 } note)
                {
                    what.Add(new TextBlock(Markdown.Card(note), Size: "small", Subtle: true) { Spacing = "none" });
                }

                body.Add(new ColumnSet(
                [
                    new Column([new TextBlock(latest ? "●" : "○", Color: latest ? "accent" : null, Subtle: !latest)], Width: "auto"),
                    new Column([new TextBlock(TicketDisplay.Time(step.At), Size: "small", Subtle: true)], Width: "auto"),
                    new Column(what),
                ]) { Spacing = "small" });
            }
        }

        return new CardReply(new AdaptiveCard(body, Text), Text);
    }

    /// <summary>
    /// The badge colour of a status: done is green, partly done or waiting is amber, sent back or past its answer time
    /// is red, withdrawn is plain, in hand is blue.
    /// </summary>
    public static string BadgeColor(TicketStatus status) => status switch
    {
        TicketStatus.Resolved or TicketStatus.Closed or TicketStatus.Rated => "good",
        TicketStatus.Returned or TicketStatus.Overdue => "attention",
        TicketStatus.Submitted or TicketStatus.PartiallyResolved => "warning",
        TicketStatus.Withdrawn => "default",
        _ => "accent",
    };
}

/// <summary>The card of a center update, for the bot's notification job: the same layout as a ticket under 我的上报.</summary>
public static class TicketUpdateCard
{
    /// <param name="title">What happened, one sentence.</param>
    /// <param name="facts">Number, category, status, unit, answer time.</param>
    /// <param name="timeline">The steps so far, up to this one.</param>
    /// <param name="lines">Sentences under the facts: the center's note, what to do next.</param>
    public static Activity Create(string title, IReadOnlyList<Fact> facts, IReadOnlyList<TicketEvent> timeline, IReadOnlyList<string> lines) =>
        new TicketTimelineView(title, facts, timeline, string.Join("\n", [title, .. lines])) { Lines = lines }.ToReply().ToActivity();
}
