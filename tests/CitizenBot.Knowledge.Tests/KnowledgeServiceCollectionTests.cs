using CitizenBot.Knowledge.Answers;
using CitizenBot.Knowledge.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CitizenBot.Knowledge.Tests;

public sealed class KnowledgeServiceCollectionTests
{
    [Fact]
    public async Task AddLegalKnowledge_WithNormaliser_ResolvesSearchThatUsesIt()
    {
        var normalised = new List<string>();
        using var provider = new ServiceCollection()
            .AddLegalKnowledge(_ => s =>
            {
                normalised.Add(s);
                return s.Replace('資', '资');
            })
            .BuildServiceProvider();

        var search = provider.GetRequiredService<ILegalSearch>();
        var hits = await search.SearchAsync("拖欠工資", 3);

        Assert.Equal(["拖欠工資"], normalised);
        Assert.NotEmpty(hits);
        Assert.Same(search, provider.GetRequiredService<ILegalSearch>());
        Assert.NotNull(provider.GetRequiredService<ILegalAnswerer>());
        Assert.Contains(provider.GetServices<IHostedService>(), s => s is LegalIndexWarmup);
    }
}
