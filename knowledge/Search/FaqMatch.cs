using CitizenBot.Knowledge.Faq;

namespace CitizenBot.Knowledge.Search;

/// <summary>An FAQ entry that matched a question, with its score relative to the best FAQ match (1 = best).</summary>
internal sealed record FaqMatch(FaqEntry Entry, float RelativeScore);

/// <summary>The articles and FAQ entries found for one question.</summary>
internal sealed record LegalSearchResult(IReadOnlyList<LegalSearchHit> Hits, IReadOnlyList<FaqMatch> Faq)
{
    public static LegalSearchResult Empty { get; } = new([], []);
}
