using CitizenBot.Channels.Activities;

namespace CitizenBot.Dialogs.Prompts;

/// <summary>Where something is: a point sent from a map, or an address typed by the user; both empty when skipped.</summary>
internal sealed record LocationAnswer(GeoCoordinates? Point, string? Address)
{
    public static LocationAnswer Skipped { get; } = new(null, null);

    public bool IsSkipped => Point is null && Address is null;
}
