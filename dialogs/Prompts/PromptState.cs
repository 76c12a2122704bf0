namespace CitizenBot.Dialogs.Prompts;

/// <summary>A prompt's saved state: what it asks and how many answers failed so far.</summary>
internal sealed record PromptState(PromptOptions Options, int Attempts);
