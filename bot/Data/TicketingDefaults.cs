namespace CitizenBot.Bot.Data;

/// <summary>Limits the schema itself enforces.</summary>
internal static class TicketingDefaults
{
    /// <summary>Column size of a description; the configurable cap may only be lower.</summary>
    public const int MaxDescriptionLengthLimit = 4000;
}
