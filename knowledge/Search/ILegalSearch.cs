namespace CitizenBot.Knowledge.Search;

/// <summary>Finds the statute articles that answer a citizen's question in everyday words.</summary>
public interface ILegalSearch
{
    /// <summary>
    /// Returns up to <paramref name="k"/> articles, best first. Never throws on odd input (empty, very long, emoji,
    /// query syntax): such input yields an empty list or low-scored hits.
    /// </summary>
    /// <param name="query">The citizen's question, Simplified or Traditional Chinese (through the configured normaliser).</param>
    /// <param name="k">How many hits at most; values below 1 yield an empty list.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    Task<IReadOnlyList<LegalSearchHit>> SearchAsync(string query, int k = 5, CancellationToken cancellationToken = default);
}
