namespace CitizenBot.Dialogs.Prompts;

/// <summary>What a prompt says. Saved with the prompt's state, so it must stay plain data.</summary>
internal sealed record PromptOptions
{
    /// <summary>The question.</summary>
    public required string Prompt { get; init; }

    /// <summary>Said after what was wrong, instead of repeating <see cref="Prompt"/>.</summary>
    public string? RetryPrompt { get; init; }

    /// <summary>Answer to "帮助" at this question; each prompt has a default.</summary>
    public string? Help { get; init; }

    /// <summary>The options of a choice prompt, in display order.</summary>
    public IReadOnlyList<Choice>? Choices { get; init; }

    /// <summary>Photo and location prompts: "跳过"/"没有" is an answer (an empty one).</summary>
    public bool Optional { get; init; }

    /// <summary>Quick replies under a text question (e.g. 跳过 for an optional comment); choice and yes/no questions have their own.</summary>
    public IReadOnlyList<string>? Buttons { get; init; }

    /// <summary>A choice question shown as a list card (its items in the order of <see cref="Choices"/>).</summary>
    public Cards.ChoiceList? List { get; init; }
}

/// <summary>
/// An option: its title (shown, and sent back by its button), other words that pick it, and what it means to the
/// understanding model (route labels such as <c>report:05-01</c>, <c>legal:neighbours</c> or a bare intent), so a whole
/// sentence can pick it too.
/// </summary>
internal sealed record Choice(string Value, IReadOnlyList<string>? Synonyms = null, IReadOnlyList<string>? Meanings = null);

/// <summary>The option the user picked; <paramref name="BySentence"/> when a whole sentence was read for it (the sentence may say more).</summary>
internal sealed record FoundChoice(int Index, string Value, bool BySentence = false);
