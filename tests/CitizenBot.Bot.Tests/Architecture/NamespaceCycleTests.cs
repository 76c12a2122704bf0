using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using static ArchUnitNET.Fluent.Slices.SliceRuleDefinition;

namespace CitizenBot.Bot.Tests.Architecture;

/// <summary>
/// The plan of the house (docs/architecture.md): the projects depend one way, and inside each of the four projects the
/// folders (namespaces) depend on each other without cycles, so a folder can be read, moved or removed on its own.
/// A slice is every namespace below the project's root, sub-folders included (<c>WeChat.Xml</c> is its own slice).
/// </summary>
public sealed class NamespaceCycleTests
{
    private static readonly ArchUnitNET.Domain.Architecture Product = new ArchLoader().LoadAssemblies(
        typeof(CitizenBot.Channels.Activities.Activity).Assembly,
        typeof(CitizenBot.Dialogs.Resources.Texts).Assembly,
        typeof(CitizenBot.Knowledge.Answers.LegalAnswer).Assembly,
        typeof(CitizenBot.Bot.CitizenBotHost).Assembly).Build();

    [Theory]
    [InlineData("CitizenBot.Bot.(*)..")]
    [InlineData("CitizenBot.Knowledge.(*)..")]
    [InlineData("CitizenBot.Dialogs.(*)..")]
    [InlineData("CitizenBot.Channels.(*)..")]
    public void Features_DependOnEachOtherWithoutCycles(string features) =>
        Slices().Matching(features).Should().BeFreeOfCycles().Check(Product);

    [Theory]
    [InlineData("CitizenBot.Channels")]
    [InlineData("CitizenBot.Dialogs")]
    [InlineData("CitizenBot.Knowledge")]
    public void Libraries_NeverDependOnTheBot(string library) =>
        Types().That().ResideInNamespaceOrBelow(library)
            .Should().NotDependOnAny(Types().That().ResideInNamespaceOrBelow("CitizenBot.Bot"))
            .Check(Product);

    [Theory]
    [InlineData("CitizenBot.Dialogs")]
    [InlineData("CitizenBot.Knowledge")]
    public void Channels_NeverDependOnTheFlowsOrTheKnowledgeBase(string other) =>
        Types().That().ResideInNamespaceOrBelow("CitizenBot.Channels")
            .Should().NotDependOnAny(Types().That().ResideInNamespaceOrBelow(other))
            .Check(Product);

    [Fact]
    public void Flows_NeverDependOnTheKnowledgeBase() =>
        Types().That().ResideInNamespaceOrBelow("CitizenBot.Dialogs")
            .Should().NotDependOnAny(Types().That().ResideInNamespaceOrBelow("CitizenBot.Knowledge"))
            .Check(Product);
}
