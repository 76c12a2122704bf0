using CitizenBot.Bot.Ticketing.Lifecycle;
using CitizenBot.Bot.Hosting;
using Hangfire;

namespace CitizenBot.Bot.Ticketing.Center;

/// <summary>
/// Puts the jobs a ticket's commit leads to on Hangfire's queues: its pushes (urgent tickets on the <c>urgent</c> queue,
/// which workers drain first); the new tickets handed over while the last job was being queued are one job that pushes
/// them and then checks the places of those with a position (<see cref="EnqueueNewTicket"/>). Every one of them is found again from the database when it is lost: a push has
/// its outbox row committed before it is queued (the outbox sweep, <c>OutboxSweeper</c>), a placed ticket keeps
/// <c>HotspotCheckedAt</c> empty until it is checked (the insight sweep). So a job that cannot be queued (Hangfire's storage, Redis when scaled out, away for a
/// moment) is logged and left to those sweeps, never failing the turn whose ticket is already written.
/// </summary>
internal sealed class CenterDispatcher : HandOffThread<CenterDispatcher.Pending>
{
    private readonly IBackgroundJobClient _jobs;
    private readonly ILogger<CenterDispatcher> _logger;
    /// <summary>At most this many new tickets in one job: its pushes run one after another.</summary>
    private const int MaxNewTickets = 16;

    private readonly NewTickets _normal = new(false), _urgent = new(true);

    public CenterDispatcher(IBackgroundJobClient jobs, ILogger<CenterDispatcher> logger)
        : base("CitizenBot center push queuer")
    {
        _jobs = jobs;
        _logger = logger;
    }

    public const string UrgentQueue = JobQueues.Urgent;
    public const string DefaultQueue = JobQueues.Default;

    public void EnqueueTicketPush(string ticketId, bool urgent) =>
        Try(() => _jobs.Enqueue<CenterPushJob>(Queue(urgent), job => job.PushAsync(ticketId, OutboxKinds.Ticket, CancellationToken.None)));

    /// <summary>
    /// A ticket just submitted: its first push and, with a position, the place checks (the console's hotspot watch), in
    /// one <see cref="NewTicketsJob"/> with the other new tickets of its queue waiting beside it; its push's retries are
    /// plain pushes.
    /// </summary>
    public void EnqueueNewTicket(string ticketId, bool urgent, bool placed) => Hand(new Pending(null, ticketId, urgent, placed));

    public void EnqueueFeedbackPush(string ticketId) =>
        Try(() => _jobs.Enqueue<CenterPushJob>(DefaultQueue, job => job.PushAsync(ticketId, OutboxKinds.Feedback, CancellationToken.None)));

    /// <summary>A supplement goes on its ticket's queue; the push waits until the center has accepted the ticket.</summary>
    public void EnqueueSupplementPush(string ticketId, string supplementId, bool urgent) =>
        Try(() => _jobs.Enqueue<CenterPushJob>(Queue(urgent), job => job.PushSupplementAsync(ticketId, supplementId, CancellationToken.None)));

    /// <summary>
    /// What the citizen asks after filing (催办, 撤回, 重办, 关注) and a rating after a 重办: on the ticket's queue; those
    /// about the ticket wait until the center has accepted it, like supplements.
    /// </summary>
    public void EnqueueFollowUpPush(string ticketId, string kind, string subjectId, bool urgent) =>
        Try(() => _jobs.Enqueue<CenterPushJob>(Queue(urgent), job => job.PushFollowUpAsync(ticketId, kind, subjectId, CancellationToken.None)));

    /// <summary>Queues the push of an outbox row still waiting (start-up sweep, lapsed claims).</summary>
    public void EnqueuePending(OutboxKey key, bool urgent)
    {
        var (ticketId, kind, subjectId) = key;
        switch (kind)
        {
            case OutboxKinds.Ticket:
                EnqueueTicketPush(ticketId, urgent);
                break;
            case OutboxKinds.Feedback when subjectId.Length == 0:
                EnqueueFeedbackPush(ticketId);
                break;
            case OutboxKinds.Supplement:
                EnqueueSupplementPush(ticketId, subjectId, urgent);
                break;
            case OutboxKinds.Hotspot or OutboxKinds.Digest:
                Try(() => _jobs.Enqueue<CenterPushJob>(DefaultQueue, job => job.PushInsightAsync(ticketId, kind, subjectId, CancellationToken.None)));
                break;
            default:
                EnqueueFollowUpPush(ticketId, kind, subjectId, urgent);
                break;
        }
    }

    public void ScheduleRetry(OutboxKey key, bool urgent, TimeSpan delay)
    {
        var (ticketId, kind, subjectId) = key;
        if (kind == OutboxKinds.Supplement)
        {
            _jobs.Schedule<CenterPushJob>(Queue(urgent), job => job.PushSupplementAsync(ticketId, subjectId, CancellationToken.None), delay);
        }
        else if (kind is OutboxKinds.Hotspot or OutboxKinds.Digest)
        {
            _jobs.Schedule<CenterPushJob>(DefaultQueue, job => job.PushInsightAsync(ticketId, kind, subjectId, CancellationToken.None), delay);
        }
        else if (kind == OutboxKinds.Ticket || (kind == OutboxKinds.Feedback && subjectId.Length == 0))
        {
            _jobs.Schedule<CenterPushJob>(Queue(urgent), job => job.PushAsync(ticketId, kind, CancellationToken.None), delay);
        }
        else
        {
            _jobs.Schedule<CenterPushJob>(Queue(urgent), job => job.PushFollowUpAsync(ticketId, kind, subjectId, CancellationToken.None), delay);
        }
    }

    private static string Queue(bool urgent) => urgent ? UrgentQueue : DefaultQueue;

    /// <summary>
    /// Queued on the hand-off's thread (<see cref="HandOffThread{T}"/>): a turn whose ticket is already committed need
    /// not wait for Hangfire's round trip. What is still waiting there when the process stops is queued by the outbox
    /// sweep.
    /// </summary>
    private void Try(Func<string> enqueue) => Hand(new Pending(enqueue, null, false, false));

    protected override int Handle(Pending pending)
    {
        if (pending.Enqueue is not null)
        {
            Run(pending.Enqueue);
            return 1;
        }

        var batch = pending.Urgent ? _urgent : _normal;
        batch.Add(pending.NewTicketId!, pending.Placed);
        return batch.Count == MaxNewTickets ? Flush(batch) : 0;
    }

    /// <summary>The new tickets handed while the last job was being queued go in one job per queue.</summary>
    protected override int Drained() => Flush(_urgent) + Flush(_normal);

    private int Flush(NewTickets batch)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        var (ids, placed, count) = (batch.Ids.ToArray(), batch.Placed.ToArray(), batch.Count);
        batch.Clear();
        Run(() => _jobs.Enqueue<NewTicketsJob>(Queue(batch.Urgent), job => job.RunAsync(ids, placed, CancellationToken.None)));
        return count;
    }

    private void Run(Func<string> enqueue) => JobHandOff.CreateOrLog(enqueue, _logger, "the outbox sweep (the outbox row is committed)");

    /// <summary>A job to queue as it is, or a new ticket to queue with the others.</summary>
    internal readonly record struct Pending(Func<string>? Enqueue, string? NewTicketId, bool Urgent, bool Placed);

    /// <summary>The new tickets of one queue waiting for their job.</summary>
    private sealed class NewTickets(bool urgent)
    {
        public bool Urgent => urgent;

        public List<string> Ids { get; } = [];

        public List<string> Placed { get; } = [];

        public int Count => Ids.Count;

        public void Add(string ticketId, bool placed)
        {
            Ids.Add(ticketId);
            if (placed)
            {
                Placed.Add(ticketId);
            }
        }

        public void Clear()
        {
            Ids.Clear();
            Placed.Clear();
        }
    }
}
