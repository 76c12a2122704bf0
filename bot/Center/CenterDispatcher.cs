using Hangfire;

namespace CitizenBot.Bot.Center;

/// <summary>Puts push jobs on Hangfire's queues; urgent tickets on the <c>urgent</c> queue, which workers drain first.</summary>
internal sealed class CenterDispatcher(IBackgroundJobClient jobs)
{
    public const string UrgentQueue = "urgent";
    public const string DefaultQueue = "default";

    public void EnqueueTicketPush(string ticketId, bool urgent) =>
        jobs.Enqueue<CenterPushJob>(urgent ? UrgentQueue : DefaultQueue, job => job.PushAsync(ticketId, OutboxKinds.Ticket, CancellationToken.None));

    public void EnqueueFeedbackPush(string ticketId) =>
        jobs.Enqueue<CenterPushJob>(DefaultQueue, job => job.PushAsync(ticketId, OutboxKinds.Feedback, CancellationToken.None));

    public void ScheduleRetry(string ticketId, string kind, bool urgent, TimeSpan delay) =>
        jobs.Schedule<CenterPushJob>(urgent ? UrgentQueue : DefaultQueue, job => job.PushAsync(ticketId, kind, CancellationToken.None), delay);
}
