using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;

namespace CitizenBot.Knowledge.Llm;

/// <summary>The OpenAI-compatible client for the configured endpoint, over one HTTP client shared for the process.</summary>
internal static class LlmHttp
{
    // Servers that need no key still expect the header; the OpenAI client refuses an empty credential.
    private const string NoKey = "none";

    /// <summary>No client-side timeout: each request is bounded by <see cref="LlmOptions.Timeout"/> through cancellation.</summary>
    private static readonly HttpClient Http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public static OpenAIClient CreateClient(LlmOptions options) =>
        new(
            new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? NoKey : options.ApiKey),
            new OpenAIClientOptions
            {
                Endpoint = options.Endpoint,
                Transport = new HttpClientPipelineTransport(Http),

                // A retry would outlive the timeout; the composed answer is the fallback instead.
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            });
}
