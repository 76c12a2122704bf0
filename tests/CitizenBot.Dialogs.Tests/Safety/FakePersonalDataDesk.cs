using CitizenBot.Dialogs.Privacy;

namespace CitizenBot.Dialogs.Tests.Safety;

/// <summary>An in-memory <see cref="IPersonalDataDesk"/>: a fixed summary, and a record of what was asked.</summary>
internal sealed class FakePersonalDataDesk : IPersonalDataDesk
{
    public List<DataSubject> Erased { get; } = [];

    public List<DataSubject> ErasuresScheduled { get; } = [];

    public List<DataSubject> ErasuresCalledOff { get; } = [];

    public Task<PersonalDataSummary> DescribeAsync(DataSubject subject, CancellationToken cancellationToken) =>
        Task.FromResult(Erased.Contains(subject)
            ? new PersonalDataSummary(true, [], 0, [], null, 0, true, 180)
            : new PersonalDataSummary(true, ["20261125-0011", "20261120-0003"], 1, [], "李师傅，手机138****0000", 1, true, 180));

    public Task<PersonalDataErasure> EraseAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        Erased.Add(subject);
        return Task.FromResult(new PersonalDataErasure(true, 2, 0, 1, true));
    }

    public Task EraseAfterGracePeriodAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        ErasuresScheduled.Add(subject);
        return Task.CompletedTask;
    }

    public Task CancelPendingErasureAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        ErasuresCalledOff.Add(subject);
        return Task.CompletedTask;
    }
}
