using System.Globalization;
using CitizenBot.Dialogs.Cards;
using CitizenBot.Dialogs.Resources;

namespace CitizenBot.Dialogs.Mediation;

/// <summary>
/// A mediation booking as a card: time, body, mediator, the buttons 转发邀请 / 进入视频调解 / 加入日历 and the QR code as
/// an image. One fact per line, so a new field is one more line here.
/// </summary>
/// <param name="Text">The booking as text (the fallback): the links in it are named, never bare.</param>
internal sealed record BookingView(MediationBooking Booking, string Title, string Text)
{
    public CardReply ToReply()
    {
        var b = Booking;
        var facts = new List<Fact>
        {
            new(Texts.CardBookingNumber, b.Number),
            new(Texts.CardBookingTime, MediationDisplay.Period(b.Start, b.End)),
            new(Texts.CardBookingBody, b.BodyName),
            new(Texts.CardBookingMediator, b.MediatorName),
            new(Texts.CardStatus, MediationDisplay.Status(b.Status)),
        };
        var invitation = b.InvitationSent
            ? string.Format(CultureInfo.CurrentCulture, Texts.MediationInvitationSent, MediationDisplay.Time(b.InvitationExpiresAt))
            : string.Format(CultureInfo.CurrentCulture, Texts.MediationInvitationForward, b.InvitationUrl, MediationDisplay.Time(b.InvitationExpiresAt));
        var actions = new List<CardButton>();
        if (!b.InvitationSent && b.Status == BookingStatus.Invited)
        {
            actions.Add(new OpenUrlAction(Texts.CardBookingForward, b.InvitationUrl));
        }

        actions.Add(new OpenUrlAction(Texts.CardBookingJoin, b.JoinUrl));
        actions.Add(new OpenUrlAction(Texts.CardBookingCalendar, b.IcsUrl));
        var card = new AdaptiveCard(
            [
                new TextBlock(Title, Size: "medium", Bold: true, Color: "good"),
                new ColumnSet(
                [
                    new Column([new FactSet(facts)]),
                    new Column([new CardImage(b.QrUrl, Texts.CardBookingQrAlt, "medium") { Id = "qr" }], Width: "auto"),
                ]),
                new TextBlock(Markdown.Card(invitation), Size: "small") { Separator = true },
                new TextBlock(Texts.CardBookingQrHint, Size: "small", Subtle: true),
            ],
            Text)
        {
            Actions = actions,
        };
        var article = new CardArticle(
            string.Format(CultureInfo.CurrentCulture, Texts.CardBookingArticle, MediationDisplay.Period(b.Start, b.End)),
            b.BodyName + " · " + Texts.CardBookingMediator + b.MediatorName,
            b.JoinUrl,
            b.QrUrl);
        return new CardReply(card, Text, article);
    }
}
