namespace CitizenBot.Bot.Tests.Center;

/// <summary>Test classes that start ticketing hosts run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class TicketingCollection
{
    public const string Name = "Ticketing hosts";
}
