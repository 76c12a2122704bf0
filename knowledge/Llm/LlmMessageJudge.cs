using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace CitizenBot.Knowledge.Llm;

/// <summary>
/// The configured model as a second judge of a citizen's message, for when the trained models are unsure: which of the
/// given intents it is, and whether it describes an emergency in progress. The answer must be one JSON object with
/// labels from the lists given; anything else, an error or the timeout gives no answer, and the bot goes on without it.
/// </summary>
public sealed partial class LlmMessageJudge
{
    /// <summary>The longest message sent to the model; the start of a story says what it is about.</summary>
    private const int MaxMessageChars = 500;

    private static readonly OpenAIPromptExecutionSettings Settings = new() { Temperature = 0, MaxTokens = 60 };

    private readonly IChatCompletionService _chat;
    private readonly TimeSpan _timeout;
    private readonly ILogger _logger;

    internal LlmMessageJudge(IChatCompletionService chat, TimeSpan timeout, ILogger? logger)
    {
        _chat = chat;
        _timeout = timeout;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>A judge over the configured endpoint, or null when <paramref name="options"/> configure none.</summary>
    public static LlmMessageJudge? Create(LlmOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.IsConfigured
            ? new LlmMessageJudge(new OpenAIChatCompletionService(options.Model!, LlmHttp.CreateClient(options)), options.UnderstandingTimeout, logger)
            : null;
    }

    /// <summary>The model's intent and emergency kind ("none" read as null); null when it gave no usable answer in time.</summary>
    public async Task<(string? Intent, string? EmergencyKind)?> JudgeAsync(
        string message, IReadOnlyList<string> intents, IReadOnlyList<string> emergencyKinds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            var history = new ChatHistory();
            history.AddSystemMessage(
                "你是县社会治理综合服务中心的消息分类员。读群众发来的一条消息，只输出一个JSON对象，不要输出别的内容：" +
                "{\"intent\":\"<意图>\",\"emergency\":\"<紧急情况>\"}。" +
                "意图只能是其中之一：" + string.Join('、', intents) + "。" +
                "紧急情况指此刻正在发生、危及人身安全的情况，只能是其中之一：" + string.Join('、', emergencyKinds) +
                "；没有正在发生的危险（过去的事、咨询规定、新闻、玩笑、比喻、油烟等）填 none。");
            history.AddUserMessage(message.Length > MaxMessageChars ? message[..MaxMessageChars] : message);
            var reply = await _chat.GetChatMessageContentAsync(history, Settings, kernel: null, timeout.Token).ConfigureAwait(false);
            return Parse(reply.Content, intents, emergencyKinds);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogTimeout(_logger, _timeout);
            return null;
        }
#pragma warning disable CA1031 // Any failure of the optional model must leave the turn as it was, never fail it.
        catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
            // The exception type only: messages of HTTP clients can echo the request, which holds the citizen's words.
            LogFailed(_logger, exception.GetType().Name);
            return null;
        }
    }

    /// <summary>The first JSON object in the reply, with labels checked against the lists; null for anything else.</summary>
    internal static (string? Intent, string? EmergencyKind)? Parse(string? reply, IReadOnlyList<string> intents, IReadOnlyList<string> emergencyKinds)
    {
        var start = reply?.IndexOf('{', StringComparison.Ordinal) ?? -1;
        var end = reply?.LastIndexOf('}') ?? -1;
        if (start < 0 || end <= start)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(reply![start..(end + 1)]);
            var intent = Label(json.RootElement, "intent");
            var emergency = Label(json.RootElement, "emergency");
            return (intent is not null && intents.Contains(intent) ? intent : null,
                emergency is not null && emergencyKinds.Contains(emergency) ? emergency : null);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Label(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()?.Trim().ToLowerInvariant()
            : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The language model gave no second opinion within {Timeout}; the trained models' reading stands.")]
    private static partial void LogTimeout(ILogger logger, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The language model's second opinion failed ({ExceptionType}); the trained models' reading stands.")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}
