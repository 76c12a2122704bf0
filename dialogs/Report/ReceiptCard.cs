using System.Globalization;
using CitizenBot.Dialogs.Cards;
using CitizenBot.Dialogs.Resources;

namespace CitizenBot.Dialogs.Report;

/// <summary>
/// The ticket receipt as the citizen sees it: number, category, place, the answer time, the first photo, what happens next. One line per
/// field, so a new field is one more line here.
/// </summary>
/// <param name="Text">The receipt as text (the fallback), as before cards.</param>
/// <param name="PhotoUrl">A link to the first photo's thumbnail; null without photos.</param>
internal sealed record TicketReceiptView(string Number, string CategoryName, string? Place, string? PhotoUrl, bool Supplement, string Text)
{
    /// <summary>"预计12月8日18:00前答复": when the center's answer is due; null when the ticket has no answer time.</summary>
    public string? DueLine { get; init; }

    public CardReply ToReply()
    {
        var facts = new List<Fact> { new(Texts.CardTicketNumber, Number), new(Texts.CardCategory, CategoryName) };
        if (Place is { Length: > 0 } place)
        {
            facts.Add(new Fact(Texts.CardPlace, place));
        }

        if (DueLine is { Length: > 0 } due)
        {
            facts.Add(new Fact(Texts.CardDue, due));
        }

        var details = new List<Column> { new([new FactSet(facts)]) };
        if (PhotoUrl is not null)
        {
            details.Add(new Column([new CardImage(PhotoUrl, Texts.CardPhotoAlt, "medium")], Width: "auto"));
        }

        var card = new AdaptiveCard(
            [
                new TextBlock(Supplement ? Texts.CardReceiptSupplementTitle : Texts.CardReceiptTitle, Size: "medium", Bold: true, Color: "good"),
                new ColumnSet(details),
                new TextBlock(Texts.CardNextTitle, Bold: true) { Separator = true },
                new TextBlock(Texts.CardReceiptNext),
            ],
            Text)
        {
            Actions = [new SendTextAction(Texts.MenuStatus, Texts.MenuStatus)],
        };
        var article = PhotoUrl is null
            ? null
            : new CardArticle(string.Format(CultureInfo.CurrentCulture, Texts.CardReceiptArticle, Number), CategoryName + (Place is null ? string.Empty : " · " + Place), PhotoUrl, PhotoUrl);
        return new CardReply(card, Text, article);
    }
}
