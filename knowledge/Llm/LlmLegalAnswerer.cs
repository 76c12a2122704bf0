using CitizenBot.Knowledge.Answers;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace CitizenBot.Knowledge.Llm;

/// <summary>
/// Lets the configured model write the answer from the same articles the composed answer rests on. Every citation in
/// its text is checked against those articles (an unsupported one is removed); a reply that then cites nothing, an
/// error or the timeout all give the composed answer instead, so the citizen always gets a cited answer.
/// </summary>
internal sealed partial class LlmLegalAnswerer(
    LegalAnswerer composer, IChatCompletionService chat, LlmOptions options, ILogger<LlmLegalAnswerer> logger) : ILegalAnswerer
{
    private static readonly OpenAIPromptExecutionSettings Settings = new() { Temperature = 0.2, MaxTokens = 800 };

    public async Task<LegalAnswer> AnswerAsync(
        string question, string? previousQuestion = null, string? topic = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var composed = composer.Compose(question, previousQuestion, topic);
        if (!composed.Answer.Found)
        {
            return composed.Answer;
        }

        var reply = await AskAsync(question, previousQuestion, composed, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(reply))
        {
            return composed.Answer;
        }

        var (text, cited, removed) = CitationChecker.Check(reply.Trim(), composed.Retrieved);
        if (removed > 0)
        {
            LogRemoved(logger, removed);
        }

        if (cited.Count == 0)
        {
            LogNoCitation(logger);
            return composed.Answer;
        }

        if (text.Length > LlmDefaults.MaxAnswerChars)
        {
            text = text[..LlmDefaults.MaxAnswerChars] + "……";
        }

        return composed.Answer with { Answer = text, Citations = [.. cited.Select(h => LegalAnswerer.ToCitation(h, composed.Words))] };
    }

    private async Task<string?> AskAsync(string question, string? previousQuestion, ComposedAnswer composed, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            var history = LlmPrompt.Build(question, previousQuestion, composed.Retrieved);
            var message = await chat.GetChatMessageContentAsync(history, Settings, kernel: null, timeout.Token).ConfigureAwait(false);
            return message.Content;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogTimeout(logger, options.Timeout);
            return null;
        }
#pragma warning disable CA1031 // Any failure of the optional model (HTTP, JSON, protocol) must fall back, never fail the citizen's turn.
        catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
            // The exception type only: messages of HTTP clients can echo the request, which holds the citizen's question.
            LogFailed(logger, exception.GetType().Name);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The language model did not answer within {Timeout}; the composed answer was used.")]
    private static partial void LogTimeout(ILogger logger, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The language model failed ({ExceptionType}); the composed answer was used.")]
    private static partial void LogFailed(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} citation(s) of articles that were not retrieved from the model's answer.")]
    private static partial void LogRemoved(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "The model's answer cited no retrieved article; the composed answer was used.")]
    private static partial void LogNoCitation(ILogger logger);
}
