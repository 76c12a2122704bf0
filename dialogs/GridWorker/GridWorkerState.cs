namespace CitizenBot.Dialogs.GridWorker;

/// <summary>A registration in progress.</summary>
internal sealed record GridWorkerState
{
    public string? Name { get; init; }

    public string? Mobile { get; init; }

    public GigPlatform Platform { get; init; }

    public bool Consented { get; init; }
}
