using Hangfire;

namespace CitizenBot.Bot.Center;

/// <summary>Puts push jobs on Hangfire's queues; urgent tickets on the <c>urgent</c> queue, which workers drain first.</summary>
internal sealed class CenterDispatcher(IBackgroundJobClient jobs)
{
    public const string UrgentQueue = "urgent";
    public const string DefaultQueue = "default";

    public void EnqueueTicketPush(string ticketId, bool urgent) =>
        jobs.Enqueue<CenterPushJob>(Queue(urgent), job => job.PushAsync(ticketId, OutboxKinds.Ticket, CancellationToken.None));

    public void EnqueueFeedbackPush(string ticketId) =>
        jobs.Enqueue<CenterPushJob>(DefaultQueue, job => job.PushAsync(ticketId, OutboxKinds.Feedback, CancellationToken.None));

    /// <summary>A supplement goes on its ticket's queue; the push waits until the center has accepted the ticket.</summary>
    public void EnqueueSupplementPush(string ticketId, string supplementId, bool urgent) =>
        jobs.Enqueue<CenterPushJob>(Queue(urgent), job => job.PushSupplementAsync(ticketId, supplementId, CancellationToken.None));

    /// <summary>Queues the push of an outbox row still waiting (start-up sweep, lapsed claims).</summary>
    public void EnqueuePending(string ticketId, string kind, string subjectId, bool urgent)
    {
        switch (kind)
        {
            case OutboxKinds.Feedback:
                EnqueueFeedbackPush(ticketId);
                break;
            case OutboxKinds.Supplement:
                EnqueueSupplementPush(ticketId, subjectId, urgent);
                break;
            case OutboxKinds.Hotspot or OutboxKinds.Digest:
                jobs.Enqueue<CenterPushJob>(DefaultQueue, job => job.PushInsightAsync(ticketId, kind, subjectId, CancellationToken.None));
                break;
            default:
                EnqueueTicketPush(ticketId, urgent);
                break;
        }
    }

    public void ScheduleRetry(string ticketId, string kind, string subjectId, bool urgent, TimeSpan delay)
    {
        if (kind == OutboxKinds.Supplement)
        {
            jobs.Schedule<CenterPushJob>(Queue(urgent), job => job.PushSupplementAsync(ticketId, subjectId, CancellationToken.None), delay);
        }
        else if (kind is OutboxKinds.Hotspot or OutboxKinds.Digest)
        {
            jobs.Schedule<CenterPushJob>(DefaultQueue, job => job.PushInsightAsync(ticketId, kind, subjectId, CancellationToken.None), delay);
        }
        else
        {
            jobs.Schedule<CenterPushJob>(Queue(urgent), job => job.PushAsync(ticketId, kind, CancellationToken.None), delay);
        }
    }

    private static string Queue(bool urgent) => urgent ? UrgentQueue : DefaultQueue;
}
