using System.ComponentModel.DataAnnotations;

namespace CitizenBot.Knowledge.Llm;

/// <summary>
/// The optional language model that writes legal answers from the retrieved articles (section <c>Llm</c>).
/// Off unless <see cref="Endpoint"/> and <see cref="Model"/> are both set; any OpenAI-compatible server works.
/// </summary>
public sealed class LlmOptions
{
    public const string SectionName = "Llm";

    /// <summary>Base address of an OpenAI-compatible API, including its version path (<c>Llm:Endpoint</c>).</summary>
    /// <value>Default none (off). Example: <c>http://127.0.0.1:11434/v1</c>; the client posts to <c>{Endpoint}/chat/completions</c>.</value>
    public Uri? Endpoint { get; set; }

    /// <summary>Model name sent with each request (<c>Llm:Model</c>), e.g. <c>qwen2.5:7b-instruct</c>.</summary>
    /// <value>Default none (off).</value>
    public string? Model { get; set; }

    /// <summary>Bearer key (<c>Llm:ApiKey</c>); from configuration or a secret store only, never from code.</summary>
    /// <value>Default none; many local servers need no key.</value>
    public string? ApiKey { get; set; }

    /// <summary>How long to wait for the model before answering without it (<c>Llm:Timeout</c>).</summary>
    /// <value>Default <see cref="LlmDefaults.Timeout"/> (8 seconds); 1 second to 2 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00", ErrorMessage = "Llm:Timeout must be between 00:00:01 and 00:02:00.")]
    public TimeSpan Timeout { get; set; } = LlmDefaults.Timeout;

    /// <summary>
    /// How long a turn waits for the model's second opinion on a message the trained models were unsure of
    /// (<c>Llm:UnderstandingTimeout</c>); past it the turn goes on without it.
    /// </summary>
    /// <value>Default 2 seconds; 100 ms to 10 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:00:10", ErrorMessage = "Llm:UnderstandingTimeout must be between 00:00:00.1 and 00:00:10.")]
    public TimeSpan UnderstandingTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>True when both an endpoint and a model are configured.</summary>
    public bool IsConfigured => Endpoint is not null && !string.IsNullOrWhiteSpace(Model);
}

/// <summary>Defaults of <see cref="LlmOptions"/>.</summary>
internal static class LlmDefaults
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(8);

    /// <summary>The longest answer kept from the model; a runaway reply is cut here.</summary>
    public const int MaxAnswerChars = 600;
}
