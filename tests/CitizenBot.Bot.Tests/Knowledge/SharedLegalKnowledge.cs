using CitizenBot.Knowledge.Search;

namespace CitizenBot.Bot.Tests.Knowledge;

/// <summary>
/// One search engine over the shipped statutes for every test host: it is read-only and takes seconds to build.
/// Register it as an instance for both <c>LegalSearchEngine</c> and <c>ILegalSearch</c>: a container disposes what its
/// factories return, and the shipped registration forwards <c>ILegalSearch</c> through a factory.
/// </summary>
internal static class SharedLegalKnowledge
{
    private static readonly Lazy<LegalSearchEngine> LazyEngine = new(() => LegalSearchEngine.CreateEmbedded());

    public static LegalSearchEngine Engine => LazyEngine.Value;
}
