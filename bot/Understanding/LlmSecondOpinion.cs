using CitizenBot.Dialogs.Understanding;
using CitizenBot.Knowledge.Llm;
using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.Understanding;

/// <summary>The dialogs' second judge over the optional language model (section <c>Llm</c>); unavailable when it is off.</summary>
internal sealed class LlmSecondOpinion(IOptions<LlmOptions> options, ILogger<LlmMessageJudge> logger) : ISecondOpinion
{
    private readonly LlmMessageJudge? _judge = LlmMessageJudge.Create(options.Value, logger);

    public bool IsAvailable => _judge is not null;

    public async Task<SecondOpinion?> AskAsync(
        string text, IReadOnlyList<string> intents, IReadOnlyList<string> emergencyKinds, CancellationToken cancellationToken)
    {
        if (_judge is null)
        {
            return null;
        }

        var verdict = await _judge.JudgeAsync(text, intents, emergencyKinds, cancellationToken).ConfigureAwait(false);
        return verdict is { } v ? new SecondOpinion(v.Intent, v.EmergencyKind) : null;
    }
}
