namespace CitizenBot.Knowledge.Search;

/// <summary>A term to look for: one token, or a phrase of tokens when a legal term splits into several words.</summary>
internal sealed record WeightedTerm(IReadOnlyList<string> Tokens, float Weight);

/// <summary>A question after normalising, typo fixing, segmentation and colloquial expansion.</summary>
internal sealed record AnalyzedQuery(IReadOnlyList<WeightedTerm> Terms, IReadOnlyList<string> Bigrams)
{
    public bool IsEmpty => Terms.Count == 0 && Bigrams.Count == 0;
}
