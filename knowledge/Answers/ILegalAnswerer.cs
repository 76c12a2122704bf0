namespace CitizenBot.Knowledge.Answers;

/// <summary>Answers a legal question in plain words, citing and quoting only the articles that were retrieved.</summary>
public interface ILegalAnswerer
{
    /// <summary>
    /// Answers from the retrieved articles: composed from the FAQ and the articles, or written by the configured
    /// language model and checked against them.
    /// </summary>
    /// <param name="question">The citizen's question (Simplified or, through the configured normaliser, Traditional Chinese).</param>
    /// <param name="previousQuestion">
    /// The question before, when this one is a follow-up ("那要多久？"): it keeps the topic, with less weight than the question.
    /// </param>
    /// <param name="topic">
    /// The legal topic from the understanding model, one of <see cref="Topics.LegalTopics.All"/>; it narrows which
    /// statutes may answer. Null (or an unknown code) lets the answerer infer it from the question.
    /// </param>
    /// <param name="cancellationToken">Cancels the work.</param>
    Task<LegalAnswer> AnswerAsync(
        string question, string? previousQuestion = null, string? topic = null, CancellationToken cancellationToken = default);
}
