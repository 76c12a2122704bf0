using CitizenBot.Knowledge.Answers;
using CitizenBot.Knowledge.Llm;
using CitizenBot.Knowledge.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace CitizenBot.Knowledge;

/// <summary>Registers the legal knowledge base: statutes, FAQ, search and answer composition.</summary>
public static class KnowledgeServiceCollection
{
    /// <summary>
    /// Adds <see cref="ILegalSearch"/> and <see cref="ILegalAnswerer"/> as singletons over in-memory indexes built
    /// from the statutes and FAQ shipped in this assembly, and a hosted service that builds them at start.
    /// When <see cref="LlmOptions"/> (bind section <c>Llm</c>) names an endpoint and a model, answers are written by that
    /// model and checked against the retrieved articles; otherwise they are composed without one.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="normalizer">
    /// Optional: returns the function that turns citizen input into Simplified Chinese (e.g. the dialogs project's
    /// OpenCC converter). Knowledge does not reference a converter itself.
    /// </param>
    public static IServiceCollection AddLegalKnowledge(
        this IServiceCollection services,
        Func<IServiceProvider, Func<string, string>>? normalizer = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<LlmOptions>();
        services.TryAddSingleton(sp => LegalSearchEngine.CreateEmbedded(normalizer?.Invoke(sp)));
        services.TryAddSingleton<ILegalSearch>(sp => sp.GetRequiredService<LegalSearchEngine>());
        services.TryAddSingleton<LegalAnswerer>();
        services.TryAddSingleton(CreateAnswerer);
        services.AddHostedService<LegalIndexWarmup>();
        return services;
    }

    private static ILegalAnswerer CreateAnswerer(IServiceProvider services)
    {
        var composer = services.GetRequiredService<LegalAnswerer>();
        var options = services.GetRequiredService<IOptions<LlmOptions>>().Value;
        if (!options.IsConfigured)
        {
            return composer;
        }

        var chat = new OpenAIChatCompletionService(options.Model!, LlmHttp.CreateClient(options));
        var logger = services.GetService<ILogger<LlmLegalAnswerer>>() ?? NullLogger<LlmLegalAnswerer>.Instance;
        return new LlmLegalAnswerer(composer, chat, options, logger);
    }
}
