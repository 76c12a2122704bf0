using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.Prompts;

namespace CitizenBot.Dialogs.Tests.Flows;

/// <summary>The typed state of the test-only intake flow.</summary>
internal sealed record IntakeState
{
    public string? Name { get; init; }

    public string? Phone { get; init; }

    public IReadOnlyList<Attachment> Photos { get; init; } = [];

    public LocationAnswer? Location { get; init; }

    public bool Confirmed { get; init; }
}
