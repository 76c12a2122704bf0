using CitizenBot.Bot.Tests.Center;
using CitizenBot.Dialogs.Report;
using Microsoft.EntityFrameworkCore;

namespace CitizenBot.Bot.Tests.Safety;

/// <summary>
/// An urgent ticket (an emergency's hazard) goes to the center ahead of older normal tickets waiting in the
/// outbox: normal pushes step aside while an urgent one has not had its turn (<c>CenterPushJob</c>).
/// </summary>
public sealed class UrgentPushOrderTests
{
    // TicketingHost: WorkerCount = Math.Max(4, Environment.ProcessorCount * 2).
    private static readonly int Workers = Math.Max(4, Environment.ProcessorCount * 2);

    // Three rounds of workers' worth of older tickets, all free to go the moment the center is back.
    private static readonly int WaitingNormalTickets = 3 * Workers;

    [Fact]
    public async Task Push_UrgentTicketBehindOlderWaitingOnes_ReachesTheCenterFirst()
    {
        var data = TicketingTestHost.NewDataDirectory();
        var normal = new List<string>();
        string urgent;
        // First life: the center is unreachable; normal tickets pile up in the outbox, then an urgent one joins them.
        await using (var first = await TicketingTestHost.StartAsync(data, $"http://127.0.0.1:{FakeCenter.FreePort()}/api",
                         new Dictionary<string, string?> { ["Center:RetryBaseDelay"] = "00:10:00", ["Center:RetryMaxDelay"] = "00:10:00" }))
        {
            for (var i = 0; i < WaitingNormalTickets; i++)
            {
                normal.Add((await first.Desk.SubmitAsync(
                    TicketingTestHost.Submission(TicketingTestHost.Resident("user-" + i), categoryCode: "01-02"), CancellationToken.None)).TicketId);
            }

            urgent = (await first.Desk.SubmitAsync(
                TicketingTestHost.Submission(TicketingTestHost.Resident("user-urgent"), "楼下着火了", categoryCode: "01-02") with { Urgency = Urgency.Urgent },
                CancellationToken.None)).TicketId;
            await Eventually.TrueAsync(
                () => first.QueryAsync(db => db.Outbox.CountAsync(o => o.Attempts >= 1 && o.LockedUntil == null && o.AcceptedAt == null)).ContinueWith(t => t.Result == WaitingNormalTickets + 1),
                "every push failed once and waits for its retry");
        }

        // Second life: the center is back; the start-up sweep queues everything waiting.
        await using var center = await FakeCenter.StartAsync();
        await using var second = await TicketingTestHost.StartAsync(data, center.BaseUrl);
        await Eventually.TrueAsync(() => Task.FromResult(center.Accepted("/api/tickets").Count() == WaitingNormalTickets + 1), "all pushed");

        var order = center.Requests.Where(r => r.Path == "/api/tickets").Select(r => r.IdempotencyKey).ToList();
        var position = order.IndexOf(urgent);
        Assert.True(position == 0, $"The urgent ticket arrived as push {position + 1} of {order.Count}; it should be the first.");
        var ticket = await second.QueryAsync(db => db.Tickets.AsNoTracking().SingleAsync(t => t.Id == urgent));
        Assert.Equal(Urgency.Urgent, ticket.Urgency);
    }
}
