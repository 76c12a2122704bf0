using CitizenBot.Load.Script;

namespace CitizenBot.Load.Targets;

/// <summary>One simulated citizen speaking one channel's wire protocol, as a real client of that channel would.</summary>
internal interface ICitizen : IAsyncDisposable
{
    /// <summary>Whatever the channel needs before the first message (a Direct Line conversation and its socket).</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Sends one step and returns once its answer has arrived; the text of the answer is returned.</summary>
    Task<string> SendAsync(ReportStep step, CancellationToken cancellationToken);
}

/// <summary>The answer did not come, or was not the one the conversation needs.</summary>
internal sealed class TurnFailedException(string kind, string message) : Exception(message)
{
    /// <summary>A short, stable label for the error table (http-500, timeout, unexpected, late-passive...).</summary>
    public string Kind { get; } = kind;
}
