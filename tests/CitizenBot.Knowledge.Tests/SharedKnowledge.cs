using CitizenBot.Knowledge.Search;

namespace CitizenBot.Knowledge.Tests;

/// <summary>One engine over the shipped corpus for all tests: it is read-only and takes seconds to build.</summary>
internal static class SharedKnowledge
{
    private static readonly Lazy<LegalSearchEngine> LazyEngine = new(() => LegalSearchEngine.CreateEmbedded());

    public static LegalSearchEngine Engine => LazyEngine.Value;
}
