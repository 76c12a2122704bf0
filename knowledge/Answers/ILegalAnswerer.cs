namespace CitizenBot.Knowledge.Answers;

/// <summary>Answers a legal question in plain words, citing and quoting only the articles that were retrieved.</summary>
public interface ILegalAnswerer
{
    /// <summary>Composes an answer from the best matching FAQ entry and the retrieved articles.</summary>
    /// <param name="question">The citizen's question (Simplified or, through the configured normaliser, Traditional Chinese).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    Task<LegalAnswer> AnswerAsync(string question, CancellationToken cancellationToken = default);
}
