using System.Globalization;
using CitizenBot.Dialogs.Cards;
using CitizenBot.Dialogs.Resources;

namespace CitizenBot.Dialogs.LegalAid;

/// <summary>
/// A legal answer as a card: the answer first, then each cited article by its title with its quote to expand, then the
/// suggestions and the disclaimer.
/// </summary>
/// <param name="Text">The answer as text (the fallback).</param>
internal sealed record LegalAnswerView(LegalAdvice Advice, string Text)
{
    public CardReply ToReply()
    {
        var body = new List<CardElement> { new TextBlock(Markdown.Card(Advice.Answer)) };
        if (Advice.Citations.Count > 0)
        {
            body.Add(new TextBlock(Texts.LegalAidBasis, Bold: true) { Separator = true });
            for (var i = 0; i < Advice.Citations.Count; i++)
            {
                var citation = Advice.Citations[i];
                var id = "article" + i.ToString(CultureInfo.InvariantCulture);
                var title = "《" + citation.LawTitle + "》" + citation.Article;
                body.Add(new ActionSet([new ToggleAction(title, [id])]) { Spacing = "small" });
                body.Add(new TextBlock("“" + citation.Quote + "”", Size: "small") { Id = id, Hidden = true, Spacing = "none" });
            }
        }

        if (Advice.NextSteps.Count > 0)
        {
            body.Add(new TextBlock(Texts.LegalAidSuggestions, Bold: true) { Separator = true });
            body.AddRange(Advice.NextSteps.Select(next => new TextBlock("· " + Markdown.Card(next)) { Spacing = "none" }));
        }

        var disclaimer = string.IsNullOrWhiteSpace(Advice.Disclaimer) ? Texts.LegalAidDisclaimer : Advice.Disclaimer;
        body.Add(new TextBlock(Markdown.Card(disclaimer), Size: "small", Subtle: true) { Separator = true });
        return new CardReply(new AdaptiveCard(body, Text), Text);
    }
}
