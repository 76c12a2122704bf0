namespace CitizenBot.Dialogs.Prompts;

/// <summary>What a prompt made of the user's message: a value, or what was wrong with it (said to the user).</summary>
internal readonly record struct PromptRecognition<T>(bool Succeeded, T? Value, string? Problem)
{
    public static PromptRecognition<T> Success(T value) => new(true, value, null);

    public static PromptRecognition<T> Failure(string problem) => new(false, default, problem);
}

/// <summary>Checks a recognised value; returns null to accept it, or the message that says what is wrong.</summary>
internal delegate ValueTask<string?> PromptValidator<in T>(T value, CancellationToken cancellationToken);
