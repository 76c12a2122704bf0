using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CitizenBot.Bot.Ticketing.Center;
using CitizenBot.Dialogs.Report;
using CitizenBot.Dialogs.Status;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using CitizenBot.Bot.Tests.Hosting;

namespace CitizenBot.Bot.Tests.Center;

/// <summary>Serial with the other ticketing hosts: Hangfire keeps some process-wide state (log provider).</summary>
[Collection(TicketingCollection.Name)]
[Trait("Category", "Security")]
public sealed class CenterCallbackTests : IAsyncLifetime
{
    private FakeCenter _center = null!;
    private TicketingTestHost _host = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        _center = await FakeCenter.StartAsync();
        _host = await TicketingTestHost.StartAsync(TicketingTestHost.NewDataDirectory(), _center.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
        await _center.DisposeAsync();
    }

    [Fact]
    public async Task Callback_Dispatched_AddsHistoryAndTellsTheCitizen()
    {
        var ticket = await SubmitAsync();

        var response = await PostCallbackAsync(Body(ticket, "dispatched", unit: "城管执法中队"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var mine = await _host.Desk.ListMineAsync(TicketingTestHost.Resident(), 10, CancellationToken.None);
        Assert.Equal(TicketStatus.Dispatched, mine.Single().Status);
        Assert.Contains(mine.Single().History, e => e.Status == TicketStatus.Dispatched);
        await Eventually.TrueAsync(() => Task.FromResult(!_host.Notifier.Sent.IsEmpty), "citizen notified");
        var message = Assert.Single(_host.Notifier.Sent);
        Assert.Equal("user-1", message.UserId);
        Assert.Contains("城管执法中队", message.Text);
    }

    [Fact]
    public async Task Callback_ForgedSignature_RefusedAndChangesNothing()
    {
        var ticket = await SubmitAsync();
        var body = Body(ticket, "resolved");
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var forged = await PostCallbackAsync(body, timestamp, CenterSignature.Compute("not-the-secret-at-all-123"u8.ToArray(), timestamp, body));

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        await AssertUnchangedAsync(ticket);
    }

    [Fact]
    public async Task Callback_ReplayedAfterTheWindow_RefusedAndChangesNothing()
    {
        var ticket = await SubmitAsync();
        var body = Body(ticket, "resolved");
        var old = DateTimeOffset.UtcNow.AddSeconds(-301).ToUnixTimeSeconds();

        var stale = await PostCallbackAsync(body, old, CenterSignature.Compute(Secret, old, body));

        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        await AssertUnchangedAsync(ticket);
    }

    [Fact]
    public async Task Callback_DeliveredTwice_AppliedOnce()
    {
        var ticket = await SubmitAsync();
        var body = Body(ticket, "accepted");

        var first = await PostCallbackAsync(body);
        var again = await PostCallbackAsync(body);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await Eventually.TrueAsync(() => Task.FromResult(!_host.Notifier.Sent.IsEmpty), "citizen notified");
        await JobsIdle.WaitAsync(_host.App.Services);
        Assert.Single(_host.Notifier.Sent);
        Assert.Equal(1, await _host.QueryAsync(db => db.History.CountAsync(h => h.TicketId == ticket && h.Status == TicketStatus.Accepted)));
    }

    [Fact]
    public async Task Callback_Resolved_AsksForRatingAndRatingReachesTheCenter()
    {
        var ticket = await SubmitAsync();
        var rating = _host.App.Services.GetRequiredService<ITicketRating>();
        Assert.Equal(RatingOutcome.NotYetResolved,
            await rating.RateAsync(TicketingTestHost.Resident(), ticket, Satisfaction.Satisfied, true, null, CancellationToken.None));

        await PostCallbackAsync(Body(ticket, "resolved", note: "已清理楼道杂物"));
        await Eventually.TrueAsync(() => Task.FromResult(!_host.Notifier.Sent.IsEmpty), "citizen notified");
        var message = Assert.Single(_host.Notifier.Sent);
        var number = await _host.QueryAsync(db => db.Tickets.Select(t => t.Number).SingleAsync());
        Assert.Equal([RateCommand.For(number), TicketCommand.For(TicketAction.Reopen, number)], message.Choices);

        Assert.Equal(RatingOutcome.NotFound,
            await rating.RateAsync(TicketingTestHost.Resident("someone-else"), ticket, Satisfaction.Dissatisfied, false, null, CancellationToken.None));
        Assert.Equal(RatingOutcome.Recorded,
            await rating.RateAsync(TicketingTestHost.Resident(), ticket, Satisfaction.BasicallySatisfied, true, "处理很快", CancellationToken.None));
        Assert.Equal(RatingOutcome.AlreadyRated,
            await rating.RateAsync(TicketingTestHost.Resident(), ticket, Satisfaction.Satisfied, true, null, CancellationToken.None));
        await Eventually.TrueAsync(() => Task.FromResult(_center.Accepted($"/api/tickets/{ticket}/feedback").Any()), "feedback pushed");

        var feedback = _center.Accepted($"/api/tickets/{ticket}/feedback").Single();
        Assert.True(feedback.SignatureValid);
        using var json = JsonDocument.Parse(feedback.Body);
        Assert.Equal("basically_satisfied", json.RootElement.GetProperty("satisfaction").GetString());
        Assert.True(json.RootElement.GetProperty("resolved").GetBoolean());
    }

    [Fact]
    public async Task Callback_OvertakenByANewerOneAlreadyTold_KeptInHistoryButNotPushed()
    {
        var ticket = await SubmitAsync();
        await PostCallbackAsync(Body(ticket, "resolved", at: "2026-11-27T10:05:00+08:00"));
        await Eventually.TrueAsync(() => Task.FromResult(!_host.Notifier.Sent.IsEmpty), "citizen told it is resolved");

        var late = await PostCallbackAsync(Body(ticket, "dispatched", at: "2026-11-27T10:01:00+08:00"));

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        await Eventually.TrueAsync(() => _host.QueryAsync(db => db.CenterCallbacks.AllAsync(c => c.NotifiedAt != null)), "late callback handled");
        var told = Assert.Single(_host.Notifier.Sent);
        Assert.Contains("已办结", told.Text, StringComparison.Ordinal);
        var mine = (await _host.Desk.ListMineAsync(TicketingTestHost.Resident(), 10, CancellationToken.None)).Single();
        Assert.Equal(TicketStatus.Resolved, mine.Status);
        Assert.Contains(mine.History, e => e.Status == TicketStatus.Dispatched);
    }

    [Theory]
    [InlineData("9999-12-31T23:59:59+08:00")]
    [InlineData("2100-01-01T00:00:00Z")]
    public async Task Callback_DatedFarInTheFuture_RefusedAndChangesNothing(string at)
    {
        var ticket = await SubmitAsync();

        var response = await PostCallbackAsync(Body(ticket, "resolved", at: at));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertUnchangedAsync(ticket);
    }

    [Fact]
    public async Task Callback_UnknownTicket_NotFound()
    {
        var response = await PostCallbackAsync(Body("0195f0c2d7a97c3e8b5a000000000000", "accepted"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static byte[] Secret => Encoding.UTF8.GetBytes(TicketingTestHost.CenterSecret);

    private async Task<string> SubmitAsync()
    {
        var receipt = await _host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident()), CancellationToken.None);
        await Eventually.TrueAsync(() => Task.FromResult(_center.Accepted("/api/tickets").Any(r => r.IdempotencyKey == receipt.TicketId)), "pushed");
        return receipt.TicketId;
    }

    private async Task AssertUnchangedAsync(string ticket)
    {
        var mine = await _host.Desk.ListMineAsync(TicketingTestHost.Resident(), 10, CancellationToken.None);
        Assert.Equal(TicketStatus.Submitted, mine.Single().Status);
        Assert.Single(mine.Single().History);
        Assert.Equal(0, await _host.QueryAsync(db => db.CenterCallbacks.CountAsync(c => c.TicketId == ticket)));
        Assert.Empty(_host.Notifier.Sent);
    }

    private static byte[] Body(string ticket, string status, string? note = null, string? unit = null, string at = "2026-11-27T10:00:00+08:00") =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
        {
            ["ticketId"] = ticket,
            ["status"] = status,
            ["at"] = at,
            ["note"] = note,
            ["unit"] = unit,
        });

    private Task<HttpResponseMessage> PostCallbackAsync(byte[] body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return PostCallbackAsync(body, timestamp, CenterSignature.Compute(Secret, timestamp, body));
    }

    private Task<HttpResponseMessage> PostCallbackAsync(byte[] body, long timestamp, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_host.BaseUri, "center/callbacks")) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(CenterSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(CenterSignature.SignatureHeader, signature);
        return _http.SendAsync(request);
    }
}
