using CitizenBot.Knowledge.Answers;
using CitizenBot.Knowledge.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CitizenBot.Knowledge;

/// <summary>Registers the legal knowledge base: statutes, FAQ, search and answer composition.</summary>
public static class KnowledgeServiceCollection
{
    /// <summary>
    /// Adds <see cref="ILegalSearch"/> and <see cref="ILegalAnswerer"/> as singletons over in-memory indexes built
    /// from the statutes and FAQ shipped in this assembly, and a hosted service that builds them at start.
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
        services.TryAddSingleton(sp => LegalSearchEngine.CreateEmbedded(normalizer?.Invoke(sp)));
        services.TryAddSingleton<ILegalSearch>(sp => sp.GetRequiredService<LegalSearchEngine>());
        services.TryAddSingleton<ILegalAnswerer, LegalAnswerer>();
        services.AddHostedService<LegalIndexWarmup>();
        return services;
    }
}
