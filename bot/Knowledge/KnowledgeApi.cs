using CitizenBot.Bot.Scale;
using CitizenBot.Dialogs.Understanding;
using CitizenBot.Knowledge.Answers;
using CitizenBot.Knowledge.Search;
using CitizenBot.Knowledge.Topics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.Knowledge;

/// <summary>
/// The public legal knowledge API, rate-limited per client address:
/// <c>GET /api/knowledge/search?q=…&amp;k=5</c> → the matching statute articles;
/// <c>GET /api/knowledge/answer?q=…&amp;topic=wages</c> → a short answer with citations, next steps and the disclaimer;
/// <c>topic</c> (optional) is the legal topic code of the question and narrows which statutes may answer.
/// </summary>
internal static class KnowledgeApi
{
    public const int MaxQueryLength = 500;
    public const int DefaultK = 5;
    public const int MaxK = 20;

    private const string RateLimitPolicy = "knowledge-api";

    public static IServiceCollection AddKnowledgeApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KnowledgeApiOptions>()
            .Bind(configuration.GetSection(KnowledgeApiOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(RateLimitPolicy, http => SharedRateLimits.FixedWindow(
                http,
                RateLimitPolicy,
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                http.RequestServices.GetRequiredService<IOptions<KnowledgeApiOptions>>().Value.PermitsPerMinute,
                TimeSpan.FromMinutes(1)));
        });
        return services;
    }

    /// <summary>Maps the routes; the host must run <c>UseRateLimiter()</c> before them.</summary>
    public static IEndpointRouteBuilder MapKnowledgeApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/knowledge").RequireRateLimiting(RateLimitPolicy);
        api.MapGet("/search", SearchAsync);
        api.MapGet("/answer", AnswerAsync);
        return endpoints;
    }

    internal static async Task<Results<Ok<KnowledgeSearchResponse>, BadRequest<ProblemDetails>>> SearchAsync(
        string? q, int? k, ILegalSearch search, CancellationToken cancellationToken)
    {
        if (Validate(q) is { } problem)
        {
            return TypedResults.BadRequest(problem);
        }

        var count = k ?? DefaultK;
        if (count is < 1 or > MaxK)
        {
            return TypedResults.BadRequest(Problem($"k must be between 1 and {MaxK}."));
        }

        var hits = await search.SearchAsync(q!, count, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new KnowledgeSearchResponse(q!, hits));
    }

    internal static async Task<Results<Ok<KnowledgeAnswerResponse>, BadRequest<ProblemDetails>>> AnswerAsync(
        string? q, string? topic, ILegalAnswerer answerer, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (Validate(q) is { } problem)
        {
            return TypedResults.BadRequest(problem);
        }

        if (!string.IsNullOrEmpty(topic) && !LegalTopics.IsKnown(topic))
        {
            return TypedResults.BadRequest(Problem($"topic must be one of: {string.Join(", ", LegalTopics.All)}; or leave it out."));
        }

        // Without a topic, the understanding model's (when it is sure), as the LegalAid flow does.
        if (string.IsNullOrEmpty(topic) && services.GetService<MessageClassifier>() is { } understanding)
        {
            var model = understanding.Classify(q);
            topic = model.Intent == Intents.Legal ? model.SureDetailOf(Intents.Legal) : null;
        }

        var answer = await answerer.AnswerAsync(q!, previousQuestion: null, topic, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new KnowledgeAnswerResponse(answer.Answer, answer.Citations, answer.NextSteps, answer.Disclaimer, answer.Found));
    }

    private static ProblemDetails? Validate(string? q) =>
        string.IsNullOrWhiteSpace(q) ? Problem("q is required: the question in everyday words, e.g. q=老板拖欠工资怎么办.")
        : q.Length > MaxQueryLength ? Problem($"q is longer than {MaxQueryLength} characters; ask one question at a time.")
        : null;

    private static ProblemDetails Problem(string detail) =>
        new() { Status = StatusCodes.Status400BadRequest, Title = "Bad knowledge query", Detail = detail };
}

/// <summary>Response of <c>GET /api/knowledge/search</c>.</summary>
internal sealed record KnowledgeSearchResponse(string Query, IReadOnlyList<LegalSearchHit> Hits);

/// <summary>Response of <c>GET /api/knowledge/answer</c>.</summary>
internal sealed record KnowledgeAnswerResponse(
    string Answer, IReadOnlyList<LegalCitation> Citations, IReadOnlyList<string> NextSteps, string Disclaimer, bool Found);
