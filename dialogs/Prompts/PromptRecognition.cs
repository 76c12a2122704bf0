namespace CitizenBot.Dialogs.Prompts;

/// <summary>What a prompt made of the user's message: a value, or what was wrong with it (said to the user).</summary>
internal readonly record struct PromptRecognition<T>(bool Succeeded, T? Value, string? Problem)
{
    public static PromptRecognition<T> Success(T value) => new(true, value, null);

    public static PromptRecognition<T> Failure(string problem) => new(false, default, problem);
}

/// <summary>Checks a recognised value; returns null to accept it, or the message that says what is wrong.</summary>
internal delegate ValueTask<string?> PromptValidator<in T>(T value, CancellationToken cancellationToken);

/// <summary>What a sentence that names no option means for these choices: a pick, a failure that says what to do, or null (not known).</summary>
internal delegate PromptRecognition<FoundChoice>? ChoiceSentenceReader(Runtime.DialogContext dc, IReadOnlyList<Choice> choices);
