using CitizenBot.Bot.Ticketing.Center;
using CitizenBot.Bot.Ticketing.Center.Simulator;
using CitizenBot.Dialogs.Report;
using CitizenBot.Dialogs.Status;
using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.GridWorker;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using CitizenBot.Bot.Tests.TestData;
using CitizenBot.Bot.Tests.Hosting;
using CitizenBot.Dialogs.Identity;

namespace CitizenBot.Bot.Tests.Center;

/// <summary>Serial with the other ticketing hosts: Hangfire keeps some process-wide state (log provider).</summary>
[Collection(TicketingCollection.Name)]
public sealed class SimulatedCenterTests
{
    [Fact]
    public async Task Simulator_NoCenterConfigured_WalksTicketToResolvedWithNotifications()
    {
        await using var host = await TicketingTestHost.StartAsync(TicketingTestHost.NewDataDirectory(), centerBaseUrl: null);

        var receipt = await host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident()), CancellationToken.None);
        await Eventually.TrueAsync(async () =>
            (await host.Desk.ListMineAsync(TicketingTestHost.Resident(), 5, CancellationToken.None)).Single().Status == TicketStatus.Resolved, "resolved by the simulator");
        await Eventually.TrueAsync(() => Task.FromResult(host.Notifier.Sent.Count >= 3), "three notifications");

        var history = (await host.Desk.ListMineAsync(TicketingTestHost.Resident(), 5, CancellationToken.None)).Single().History.Select(e => e.Status);
        Assert.Equal([TicketStatus.Submitted, TicketStatus.Accepted, TicketStatus.Dispatched, TicketStatus.Resolved], history);
        Assert.Equal("SIM-" + receipt.Number, await host.QueryAsync(db => db.Tickets.Select(t => t.CenterId).SingleAsync()));
        // In status order, so the rating button rides on the citizen's latest message.
        Assert.Collection(host.Notifier.Sent,
            n => Assert.Contains("已被中心受理", n.Text, StringComparison.Ordinal),
            n => Assert.Contains("已派单", n.Text, StringComparison.Ordinal),
            n => Assert.Contains("已办结", n.Text, StringComparison.Ordinal));
        Assert.Equal([RateCommand.For(receipt.Number), TicketCommand.For(TicketAction.Reopen, receipt.Number)], host.Notifier.Sent.Last().Choices);
    }

    [Fact]
    public async Task Simulator_Reopen_WalksTheTicketAgainToResolved()
    {
        await using var host = await TicketingTestHost.StartAsync(TicketingTestHost.NewDataDirectory(), centerBaseUrl: null);
        var receipt = await host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident()), CancellationToken.None);
        await Eventually.TrueAsync(async () =>
            (await host.Desk.ListMineAsync(TicketingTestHost.Resident(), 5, CancellationToken.None)).Single().Status == TicketStatus.Resolved, "resolved by the simulator");

        var outcome = await host.App.Services.GetRequiredService<ITicketLifecycle>()
            .ReopenAsync(TicketingTestHost.Resident(), receipt.TicketId, "杂物又堆回来了", null, CancellationToken.None);

        Assert.Equal(ReopenOutcome.Requested, outcome);
        await Eventually.TrueAsync(async () =>
            (await host.Desk.ListMineAsync(TicketingTestHost.Resident(), 5, CancellationToken.None)).Single().History.Count(e => e.Status == TicketStatus.Resolved) == 2, "resolved again");
        var history = (await host.Desk.ListMineAsync(TicketingTestHost.Resident(), 5, CancellationToken.None)).Single().History.Select(e => e.Status);
        Assert.Equal([TicketStatus.Submitted, TicketStatus.Accepted, TicketStatus.Dispatched, TicketStatus.Resolved, TicketStatus.ReopenRequested, TicketStatus.Reopened, TicketStatus.Dispatched, TicketStatus.Resolved], history);
        Assert.Equal("杂物又堆回来了", host.App.Services.GetRequiredService<SimulatedCenterState>().Reopens[receipt.TicketId].Reason);
        await Eventually.TrueAsync(() => Task.FromResult(host.Notifier.Sent.Count(n => n.Text.Contains("已办结", StringComparison.Ordinal)) == 2), "told twice");
        Assert.Equal([RateCommand.For(receipt.Number)], host.Notifier.Sent.Last().Choices);
    }

    [Fact]
    public async Task Simulator_Withdrawal_AnsweredWithdrawnAndTheWalkStops()
    {
        await using var host = await TicketingTestHost.StartAsync(
            TicketingTestHost.NewDataDirectory(), centerBaseUrl: null, new Dictionary<string, string?> { ["Center:SimulatorStepDelay"] = "00:00:01" });
        var receipt = await host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident()), CancellationToken.None);
        await Eventually.TrueAsync(() => host.QueryAsync(db => db.Outbox.AnyAsync(o => o.AcceptedAt != null)), "the simulator has the ticket");

        var outcome = await host.App.Services.GetRequiredService<ITicketLifecycle>()
            .WithdrawAsync(TicketingTestHost.Resident(), receipt.TicketId, "报错了", CancellationToken.None);

        Assert.Equal(WithdrawOutcome.Requested, outcome);
        await Eventually.TrueAsync(async () =>
            (await host.Desk.ListMineAsync(TicketingTestHost.Resident(), 5, CancellationToken.None)).Single().Status == TicketStatus.Withdrawn, "withdrawn by the simulator");
        await JobsIdle.WaitAsync(host.App.Services); // every step still scheduled has run: none may follow
        var history = (await host.Desk.ListMineAsync(TicketingTestHost.Resident(), 5, CancellationToken.None)).Single().History.Select(e => e.Status).ToList();
        Assert.Equal(TicketStatus.Withdrawn, history[^1]);
        Assert.DoesNotContain(TicketStatus.Resolved, history);
    }

    [Fact]
    public async Task Simulator_Supplement_KeptOnceUnderItsIdempotencyKey()
    {
        await using var host = await TicketingTestHost.StartAsync(TicketingTestHost.NewDataDirectory(), centerBaseUrl: null);
        var ticket = await host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident()), CancellationToken.None);

        await host.Desk.SupplementAsync(ticket.TicketId, TicketingTestHost.Submission(TicketingTestHost.Resident("neighbour"), "出口还是被堵着"), CancellationToken.None);
        var state = host.App.Services.GetRequiredService<SimulatedCenterState>();
        await Eventually.TrueAsync(() => host.QueryAsync(db => db.Outbox.AnyAsync(o => o.Key.Kind == OutboxKinds.Supplement && o.AcceptedAt != null)), "supplement accepted");

        var supplementId = await host.QueryAsync(db => db.Supplements.Select(s => s.Id).SingleAsync());
        var kept = Assert.Single(state.Supplements);
        Assert.Equal(supplementId, kept.Key);
        Assert.Equal(ticket.TicketId, kept.Value.TicketId);
        Assert.Equal("出口还是被堵着", kept.Value.Description);
        Assert.True(state.Received.ContainsKey(ticket.TicketId));

        // The same supplement again is a duplicate (409, counted as accepted by the bot); unsigned, it is refused.
        var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(kept.Value, CenterJson.Default.CenterSupplement);
        var path = $"simulated-center/tickets/{ticket.TicketId}/supplements";
        Assert.Equal(System.Net.HttpStatusCode.Conflict, await PostSignedAsync(host, path, supplementId, body, sign: true));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, await PostSignedAsync(host, path, supplementId, body, sign: false));
        Assert.Single(state.Supplements);
    }

    private static async Task<System.Net.HttpStatusCode> PostSignedAsync(TicketingTestHost host, string path, string key, byte[] body, bool sign)
    {
        using var http = new HttpClient { BaseAddress = host.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        request.Headers.Add(CenterSignature.IdempotencyHeader, key);
        request.Headers.Add(CenterSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var secret = System.Text.Encoding.UTF8.GetBytes(sign ? TicketingTestHost.CenterSecret : "not-the-center-secret-0000");
        request.Headers.Add(CenterSignature.SignatureHeader, CenterSignature.Compute(secret, timestamp, body));
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task GridWorker_ReportAcceptedAndMarkedHighValue_EarnsPointsAndRank()
    {
        await using var host = await TicketingTestHost.StartAsync(TicketingTestHost.NewDataDirectory(), centerBaseUrl: null);
        var registry = host.App.Services.GetRequiredService<IGridWorkerRegistry>();
        var rider = TicketingTestHost.Resident("rider-1");
        await registry.RegisterAsync(new GridWorkerRegistration(rider.ChannelId, rider.UserId, "李四", "13900139000", GigPlatform.Meituan), CancellationToken.None);
        var photo = await host.Desk.AcceptPhotoAsync(new Attachment { ContentUrl = TestImages.DataUri(TestImages.Jpeg()) }, rider, CancellationToken.None);

        await host.Desk.SubmitAsync(TicketingTestHost.Submission(rider, photos: [photo.PhotoId!]), CancellationToken.None);
        await Eventually.TrueAsync(async () =>
            (await host.Desk.ListMineAsync(rider, 5, CancellationToken.None)).Single().Status == TicketStatus.Resolved, "resolved by the simulator");

        Assert.Equal(ReporterRole.GridWorker, await host.QueryAsync(db => db.Tickets.Select(t => t.ReporterRole).SingleAsync()));
        var standing = await registry.GetStandingAsync(rider.ChannelId, rider.UserId, CancellationToken.None);
        Assert.NotNull(standing);
        Assert.Equal(30, standing!.TotalPoints);
        Assert.Equal(30, standing.MonthPoints);
        Assert.Equal(1, standing.MonthRank);
        Assert.Equal(1, standing.AcceptedReports);
        Assert.Equal(1, standing.HighValueReports);
        Assert.Null(await registry.GetStandingAsync("directline", "not-registered", CancellationToken.None));
    }
}
