namespace CitizenBot.Dialogs.Privacy;

/// <summary>The desk when the bot registered none: nothing is looked up or erased, and the flow says so.</summary>
internal sealed class UnavailablePersonalDataDesk : IPersonalDataDesk
{
    public Task<PersonalDataSummary> DescribeAsync(DataSubject subject, CancellationToken cancellationToken) =>
        Task.FromResult(PersonalDataSummary.Unavailable);

    public Task<PersonalDataErasure> EraseAsync(DataSubject subject, CancellationToken cancellationToken) =>
        Task.FromResult(PersonalDataErasure.NotDone);

    public Task EraseAfterGracePeriodAsync(DataSubject subject, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task CancelPendingErasureAsync(DataSubject subject, CancellationToken cancellationToken) => Task.CompletedTask;
}
