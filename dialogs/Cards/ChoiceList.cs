namespace CitizenBot.Dialogs.Cards;

/// <summary>
/// A choice question shown as a list card (我的上报: each ticket with a status badge); kept with the prompt's options, so
/// a re-asked question shows the same card. Tapping an item answers with its number, as typing it would.
/// </summary>
internal sealed record ChoiceList(IReadOnlyList<ChoiceListItem> Items)
{
    public CardReply ToReply(string question)
    {
        var body = new List<CardElement> { new TextBlock(question, Bold: true) };
        for (var i = 0; i < Items.Count; i++)
        {
            var item = Items[i];
            // "1、" and not "1. ": Web Chat reads "1. " in a card's text as a markdown list and drops the number.
            var number = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var lines = new List<CardElement> { new TextBlock(number + "、" + item.Title, Bold: true) };
            if (item.Detail is { Length: > 0 } detail)
            {
                lines.Add(new TextBlock(detail, Size: "small", Subtle: true) { Spacing = "none" });
            }

            var columns = new List<Column> { new(lines) };
            if (item.Badge is { Length: > 0 } badge)
            {
                columns.Add(new Column([new TextBlock(badge, Bold: true, Color: item.BadgeColor ?? "accent")], Width: "auto", VerticalAlignment: "center"));
            }

            body.Add(new Container([new ColumnSet(columns)], Style: "emphasis") { SelectText = number, Separator = i > 0 });
        }

        return new CardReply(new AdaptiveCard(body, question), question);
    }
}

/// <param name="BadgeColor">An Adaptive Cards color: "good", "warning", "attention", "accent".</param>
internal sealed record ChoiceListItem(string Title, string? Detail, string? Badge, string? BadgeColor);
