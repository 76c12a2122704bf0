using System.Globalization;
using System.Text;
using System.Text.Json;
using CitizenBot.Bot.Ticketing.Center;
using CitizenBot.Bot.Ticketing.Tickets;
using CitizenBot.Dialogs.Report;
using CitizenBot.Dialogs.Status;
using CitizenBot.Dialogs.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using CitizenBot.Bot.Tests.Hosting;

namespace CitizenBot.Bot.Tests.Center;

/// <summary>
/// 催办, 撤回, 不满意 → 重办 and 关注 as the center of the test's own sees them: each pushed signed, under its
/// Idempotency-Key, retried until accepted and accepted once; and what comes back reaches the right citizens.
/// </summary>
[Collection(TicketingCollection.Name)]
public sealed class TicketLifecycleTests
{
    private static readonly Reporter Reporter = TicketingTestHost.Resident();

    [Fact]
    public async Task Urge_BeforeHalfTimeRefused_AfterItPushedOnceSignedAndOnlyOnceADay()
    {
        await using var center = await FakeCenter.StartAsync();
        await using var host = await TicketingTestHost.StartAsync(TicketingTestHost.NewDataDirectory(), center.BaseUrl);
        var ticket = await SubmitAcceptedAsync(host, center);
        var lifecycle = host.App.Services.GetRequiredService<ITicketLifecycle>();

        var early = await lifecycle.UrgeAsync(Reporter, ticket.TicketId, CancellationToken.None);

        Assert.Equal(UrgeOutcome.TooEarly, early.Outcome);
        var created = await host.QueryAsync(db => db.Tickets.Where(t => t.Id == ticket.TicketId).Select(t => t.CreatedAt).SingleAsync());
        Assert.Equal(created + ((ticket.DueAt!.Value - created) / 2), early.AllowedFrom);

        await BackdateAsync(host, ticket.TicketId, TimeSpan.FromDays(2));
        var urged = await lifecycle.UrgeAsync(Reporter, ticket.TicketId, CancellationToken.None);
        var again = await lifecycle.UrgeAsync(Reporter, ticket.TicketId, CancellationToken.None);
        var stranger = await lifecycle.UrgeAsync(TicketingTestHost.Resident("someone-else"), ticket.TicketId, CancellationToken.None);

        Assert.Equal(UrgeOutcome.Recorded, urged.Outcome);
        Assert.Equal(UrgeOutcome.AlreadyToday, again.Outcome);
        Assert.Equal(UrgeOutcome.NotFound, stranger.Outcome);
        var path = $"/api/tickets/{ticket.TicketId}/reminders";
        await Eventually.TrueAsync(() => Task.FromResult(center.Accepted(path).Any()), "reminder pushed");
        await JobsIdle.WaitAsync(host.App.Services); // every push that was going to happen has happened
        var push = Assert.Single(center.Requests, r => r.Path == path);
        Assert.True(push.SignatureValid);
        var reminderId = await host.QueryAsync(db => db.Reminders.Select(r => r.Id).SingleAsync());
        Assert.Equal(reminderId, push.IdempotencyKey);
        using var body = JsonDocument.Parse(push.Body);
        Assert.Equal(ticket.TicketId, body.RootElement.GetProperty("ticketId").GetString());
        Assert.Equal(reminderId, body.RootElement.GetProperty("reminderId").GetString());
        Assert.Equal(1, body.RootElement.GetProperty("count").GetInt32());
        Assert.True(body.RootElement.TryGetProperty("dueAt", out _));
        Assert.Contains(await History(host), e => e.Status == TicketStatus.Urged);
    }

    [Fact]
    public async Task Reminder_CenterDownAtFirst_RetriedUnderTheSameKeyUntilAccepted()
    {
        // The ticket is accepted; the reminder's first two pushes meet 503s.
        await using var center = await FakeCenter.StartAsync(0, 201, 503, 503);
        await using var host = await TicketingTestHost.StartAsync(TicketingTestHost.NewDataDirectory(), center.BaseUrl);
        var ticket = await SubmitAcceptedAsync(host, center);
        await BackdateAsync(host, ticket.TicketId, TimeSpan.FromDays(2));

        await host.App.Services.GetRequiredService<ITicketLifecycle>().UrgeAsync(Reporter, ticket.TicketId, CancellationToken.None);

        var path = $"/api/tickets/{ticket.TicketId}/reminders";
        await Eventually.TrueAsync(() => Task.FromResult(center.Accepted(path).Any()), "reminder accepted after retries");
        var pushes = center.Requests.Where(r => r.Path == path).ToList();
        Assert.Equal([503, 503, 201], pushes.Select(p => p.AnsweredStatus));
        Assert.Single(pushes.Select(p => p.IdempotencyKey).Distinct());
        Assert.All(pushes, p => Assert.True(p.SignatureValid));
        Assert.True(await host.QueryAsync(db => db.Outbox.AnyAsync(o => o.Key.Kind == OutboxKinds.Reminder && o.AcceptedAt != null && o.Attempts == 3)));
    }

    [Fact]
    public async Task Withdraw_BeforeTheCenterHasTheTicket_WithdrawnHereAndNeverSent()
    {
        // Nobody listens yet: the ticket's push is refused and waits for its retry.
        var port = FakeCenter.FreePort();
        await using var host = await TicketingTestHost.StartAsync(TicketingTestHost.NewDataDirectory(), $"http://127.0.0.1:{port}/api");
        var ticket = await host.Desk.SubmitAsync(TicketingTestHost.Submission(Reporter), CancellationToken.None);
        await Eventually.TrueAsync(() => host.QueryAsync(db => db.Outbox.AnyAsync(o => o.Attempts > 0 && o.LockedUntil == null)), "first push refused");

        var outcome = await host.App.Services.GetRequiredService<ITicketLifecycle>().WithdrawAsync(Reporter, ticket.TicketId, "报错了", CancellationToken.None);
        await using var center = await FakeCenter.StartAsync(port);
        await JobsIdle.WaitAsync(host.App.Services); // the refused push's retry has run: it would have arrived

        Assert.Equal(WithdrawOutcome.Withdrawn, outcome);
        Assert.Empty(center.Requests);
        Assert.Equal(TicketStatus.Withdrawn, (await Mine(host)).Status);
        Assert.False(await host.QueryAsync(db => db.Outbox.AnyAsync()));
        Assert.True(await host.QueryAsync(db => db.Withdrawals.AnyAsync(w => w.Local && w.Reason == "报错了")));
    }

    [Fact]
    public async Task Withdraw_AfterAcceptance_AskedOfTheCenterAndItsAnswerComesBackAsAStatus()
    {
        await using var center = await FakeCenter.StartAsync();
        await using var host = await TicketingTestHost.StartAsync(TicketingTestHost.NewDataDirectory(), center.BaseUrl);
        var ticket = await SubmitAcceptedAsync(host, center);
        var lifecycle = host.App.Services.GetRequiredService<ITicketLifecycle>();

        var outcome = await lifecycle.WithdrawAsync(Reporter, ticket.TicketId, "问题已经自行解决", CancellationToken.None);
        var twice = await lifecycle.WithdrawAsync(Reporter, ticket.TicketId, "问题已经自行解决", CancellationToken.None);

        Assert.Equal(WithdrawOutcome.Requested, outcome);
        Assert.Equal(WithdrawOutcome.AlreadyRequested, twice);
        var path = $"/api/tickets/{ticket.TicketId}/withdrawal";
        await Eventually.TrueAsync(() => Task.FromResult(center.Accepted(path).Any()), "withdrawal pushed");
        var push = Assert.Single(center.Requests, r => r.Path == path);
        Assert.True(push.SignatureValid);
        Assert.Equal(ticket.TicketId + ":withdrawal", push.IdempotencyKey);
        using (var body = JsonDocument.Parse(push.Body))
        {
            Assert.Equal("问题已经自行解决", body.RootElement.GetProperty("reason").GetString());
        }

        Assert.Equal(TicketStatus.Submitted, (await Mine(host)).Status);
        await PostCallbackAsync(host, ticket.TicketId, "withdrawn");

        Assert.Equal(TicketStatus.Withdrawn, (await Mine(host)).Status);
        await Eventually.TrueAsync(() => Task.FromResult(host.Notifier.Sent.Any(n => n.Text.Contains("已按您的申请撤回", StringComparison.Ordinal))), "citizen told");
    }

    [Fact]
    public async Task Reopen_AfterResolved_PushedOnceWithReasonAndPhoto_SecondResolutionRatedAgain()
    {
        await using var center = await FakeCenter.StartAsync();
        await using var host = await TicketingTestHost.StartAsync(TicketingTestHost.NewDataDirectory(), center.BaseUrl);
        var ticket = await SubmitAcceptedAsync(host, center);
        var lifecycle = host.App.Services.GetRequiredService<ITicketLifecycle>();
        var rating = host.App.Services.GetRequiredService<ITicketRating>();
        Assert.Equal(ReopenOutcome.NotAnswered, await lifecycle.ReopenAsync(Reporter, ticket.TicketId, "还是堵着", null, CancellationToken.None));
        await PostCallbackAsync(host, ticket.TicketId, "resolved", DateTimeOffset.UtcNow.AddMinutes(-3));
        Assert.Equal(RatingOutcome.Recorded, await rating.RateAsync(Reporter, ticket.TicketId, Satisfaction.Dissatisfied, false, null, CancellationToken.None));
        var photo = await host.Desk.AcceptPhotoAsync(
            new CitizenBot.Channels.Activities.Attachment { ContentUrl = TestData.TestImages.DataUri(TestData.TestImages.Jpeg(64, 48)) }, Reporter, CancellationToken.None);
        Assert.True(photo.Accepted);

        var reopened = await lifecycle.ReopenAsync(Reporter, ticket.TicketId, "杂物只清了一半", photo.PhotoId, CancellationToken.None);
        var twice = await lifecycle.ReopenAsync(Reporter, ticket.TicketId, "杂物只清了一半", null, CancellationToken.None);

        Assert.Equal(ReopenOutcome.Requested, reopened);
        Assert.Equal(ReopenOutcome.AlreadyReopened, twice);
        var path = $"/api/tickets/{ticket.TicketId}/reopen";
        await Eventually.TrueAsync(() => Task.FromResult(center.Accepted(path).Any()), "reopen pushed");
        var push = Assert.Single(center.Requests, r => r.Path == path);
        Assert.True(push.SignatureValid);
        Assert.Equal(ticket.TicketId + ":reopen", push.IdempotencyKey);
        using (var body = JsonDocument.Parse(push.Body))
        {
            Assert.Equal("杂物只清了一半", body.RootElement.GetProperty("reason").GetString());
            Assert.Equal(1, body.RootElement.GetProperty("photos").GetArrayLength());
        }

        // Rated already for the first 办结; the second one is rated again, once, and pushed under its own key.
        Assert.Equal(RatingOutcome.NotYetResolved, await rating.RateAsync(Reporter, ticket.TicketId, Satisfaction.Satisfied, true, null, CancellationToken.None));
        await PostCallbackAsync(host, ticket.TicketId, "reopened", DateTimeOffset.UtcNow);
        await PostCallbackAsync(host, ticket.TicketId, "resolved", DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(RatingOutcome.Recorded, await rating.RateAsync(Reporter, ticket.TicketId, Satisfaction.Satisfied, true, null, CancellationToken.None));
        Assert.Equal(RatingOutcome.AlreadyRated, await rating.RateAsync(Reporter, ticket.TicketId, Satisfaction.Satisfied, true, null, CancellationToken.None));
        var feedback = $"/api/tickets/{ticket.TicketId}/feedback";
        await Eventually.TrueAsync(() => Task.FromResult(center.Accepted(feedback).Count() == 2), "both ratings pushed");
        Assert.Equal([ticket.TicketId + ":feedback", ticket.TicketId + ":feedback:2"], center.Accepted(feedback).Select(r => r.IdempotencyKey).Order(StringComparer.Ordinal));
        // The second 办结's notice asks for the rating and no longer offers 重办.
        await Eventually.TrueAsync(() => Task.FromResult(host.Notifier.Sent.Count(n => n.Text.Contains("已办结", StringComparison.Ordinal)) == 2), "both resolutions told");
        var last = host.Notifier.Sent.Last(n => n.Text.Contains("已办结", StringComparison.Ordinal));
        Assert.Equal([RateCommand.For(ticket.Number)], last.Choices);
    }

    [Fact]
    public async Task CenterUpdate_OpenTicketCardShowsItsAnswerTime_ResolvedCardAsksRatingWithRateAndReopenButtons()
    {
        await using var center = await FakeCenter.StartAsync();
        await using var host = await TicketingTestHost.StartAsync(TicketingTestHost.NewDataDirectory(), center.BaseUrl);
        var ticket = await SubmitAcceptedAsync(host, center);
        var due = Assert.IsType<DateTimeOffset>(ticket.DueAt);

        await PostCallbackAsync(host, ticket.TicketId, "dispatched", DateTimeOffset.UtcNow.AddMinutes(-2), "已派至青松社区网格");
        await Eventually.TrueAsync(() => Task.FromResult(host.Notifier.Sent.Any(n => n.Text.Contains("已派单", StringComparison.Ordinal))), "dispatch told");
        var dispatched = host.Notifier.Sent.Single(n => n.Text.Contains("已派单", StringComparison.Ordinal));
        Assert.Contains(TicketDisplay.DueLine(due), dispatched.CardWords());
        Assert.Contains("已派至青松社区网格", string.Join("\n", dispatched.CardWords()), StringComparison.Ordinal);
        Assert.Empty(dispatched.Choices);

        await PostCallbackAsync(host, ticket.TicketId, "resolved", DateTimeOffset.UtcNow.AddMinutes(-1));
        await Eventually.TrueAsync(() => Task.FromResult(host.Notifier.Sent.Any(n => n.Text.Contains("已办结", StringComparison.Ordinal))), "resolution told");
        var resolved = host.Notifier.Sent.Single(n => n.Text.Contains("已办结", StringComparison.Ordinal));
        var words = resolved.CardWords();
        Assert.NotEmpty(words);
        // Answered: no answer time any more; the rating asked and 重办 offered, in the card and its text, with both buttons.
        Assert.DoesNotContain(TicketDisplay.DueLine(due), words);
        Assert.Contains(RateCommand.For(ticket.Number), string.Join("\n", words), StringComparison.Ordinal);
        Assert.Contains(TicketCommand.For(TicketAction.Reopen, ticket.Number), string.Join("\n", words), StringComparison.Ordinal);
        Assert.Contains(TicketCommand.For(TicketAction.Reopen, ticket.Number), resolved.Text, StringComparison.Ordinal);
        Assert.Equal([RateCommand.For(ticket.Number), TicketCommand.For(TicketAction.Reopen, ticket.Number)], resolved.Choices);
    }

    [Fact]
    public async Task Follow_LaterStatusReachesTheFollowerWithoutTheReportersData_CenterCountsOnly()
    {
        await using var center = await FakeCenter.StartAsync();
        await using var host = await TicketingTestHost.StartAsync(TicketingTestHost.NewDataDirectory(), center.BaseUrl);
        var ticket = await SubmitAcceptedAsync(host, center);
        var neighbour = TicketingTestHost.Resident("neighbour");
        var lifecycle = host.App.Services.GetRequiredService<ITicketLifecycle>();

        Assert.Equal(FollowOutcome.Following, await lifecycle.FollowAsync(neighbour, ticket.TicketId, CancellationToken.None));
        Assert.Equal(FollowOutcome.AlreadyFollowing, await lifecycle.FollowAsync(neighbour, ticket.TicketId, CancellationToken.None));
        Assert.Equal(FollowOutcome.OwnTicket, await lifecycle.FollowAsync(Reporter, ticket.TicketId, CancellationToken.None));
        var path = $"/api/tickets/{ticket.TicketId}/followers";
        await Eventually.TrueAsync(() => Task.FromResult(center.Accepted(path).Any()), "follower pushed");
        var push = Assert.Single(center.Requests, r => r.Path == path);
        Assert.True(push.SignatureValid);
        var sent = Encoding.UTF8.GetString(push.Body);
        Assert.DoesNotContain("neighbour", sent, StringComparison.Ordinal);
        using (var body = JsonDocument.Parse(push.Body))
        {
            Assert.Equal(1, body.RootElement.GetProperty("followers").GetInt32());
        }

        await PostCallbackAsync(host, ticket.TicketId, "dispatched", DateTimeOffset.UtcNow.AddSeconds(-1), "已派至青松社区网格");

        await Eventually.TrueAsync(() => Task.FromResult(host.Notifier.Sent.Any(n => n.UserId == "neighbour")), "follower told");
        var told = Assert.Single(host.Notifier.Sent, n => n.UserId == "neighbour");
        Assert.Contains(ticket.Number, told.Text, StringComparison.Ordinal);
        Assert.Contains("已派至青松社区网格", told.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("张三", told.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("13800138000", told.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("楼道里堆满了杂物", told.Text, StringComparison.Ordinal);
        Assert.Empty(told.Choices);
        Assert.Contains(host.Notifier.Sent, n => n.UserId == Reporter.UserId);
    }

    [Fact]
    public async Task Overdue_PastItsAnswerTime_CitizenToldOnceWithAnUrgeButton()
    {
        await using var center = await FakeCenter.StartAsync();
        await using var host = await TicketingTestHost.StartAsync(TicketingTestHost.NewDataDirectory(), center.BaseUrl);
        var ticket = await SubmitAcceptedAsync(host, center);
        var watch = host.App.Services.GetRequiredService<OverdueWatch>();
        Assert.Equal(0, await watch.CheckAsync(CancellationToken.None));

        await BackdateAsync(host, ticket.TicketId, TimeSpan.FromDays(30));
        var first = await watch.CheckAsync(CancellationToken.None);
        var second = await watch.CheckAsync(CancellationToken.None);

        Assert.Equal(1, first);
        Assert.Equal(0, second);
        var told = Assert.Single(host.Notifier.Sent, n => n.Text.Contains("已超过答复时限", StringComparison.Ordinal));
        Assert.Equal([TicketCommand.For(TicketAction.Urge, ticket.Number)], told.Choices);
        Assert.Contains(await History(host), e => e.Status == TicketStatus.Overdue);
    }

    [Fact]
    public async Task Receipt_CarriesTheAnswerTimeAndTheCenterGetsIt()
    {
        await using var center = await FakeCenter.StartAsync();
        await using var host = await TicketingTestHost.StartAsync(TicketingTestHost.NewDataDirectory(), center.BaseUrl);

        // 02-01 公共设施损坏: 48 working hours.
        var receipt = await host.Desk.SubmitAsync(TicketingTestHost.Submission(Reporter, categoryCode: "02-01"), CancellationToken.None);
        await Eventually.TrueAsync(() => Task.FromResult(center.Accepted("/api/tickets").Any()), "pushed");

        var clock = host.App.Services.GetRequiredService<AnswerClock>();
        var created = await host.QueryAsync(db => db.Tickets.Select(t => t.CreatedAt).SingleAsync());
        Assert.Equal(clock.DueAt("02-01", urgent: false, created), receipt.DueAt);
        Assert.Equal(receipt.DueAt, (await Mine(host)).DueAt);
        using var body = JsonDocument.Parse(center.Accepted("/api/tickets").Single().Body);
        Assert.Equal(receipt.DueAt, body.RootElement.GetProperty("dueAt").GetDateTimeOffset());
    }

    private static async Task<TicketReceipt> SubmitAcceptedAsync(TicketingTestHost host, FakeCenter center)
    {
        var receipt = await host.Desk.SubmitAsync(TicketingTestHost.Submission(Reporter), CancellationToken.None);
        await Eventually.TrueAsync(() => host.QueryAsync(db => db.Outbox.AnyAsync(o => o.Key.TicketId == receipt.TicketId && o.Key.Kind == OutboxKinds.Ticket && o.AcceptedAt != null)), "ticket accepted");
        Assert.True(center.Accepted("/api/tickets").Any());
        return receipt;
    }

    /// <summary>The ticket as if filed <paramref name="ago"/> earlier (its answer time moves with it).</summary>
    private static Task BackdateAsync(TicketingTestHost host, string ticketId, TimeSpan ago) =>
        host.QueryAsync(async db =>
        {
            var ticket = await db.Tickets.SingleAsync(t => t.Id == ticketId);
            ticket.CreatedAt -= ago;
            ticket.DueAt -= ago;
            return await db.SaveChangesAsync();
        });

    private static async Task<TicketSummary> Mine(TicketingTestHost host) =>
        (await host.Desk.ListMineAsync(Reporter, 10, CancellationToken.None)).Single();

    private static async Task<IReadOnlyList<TicketEvent>> History(TicketingTestHost host) => (await Mine(host)).History;

    private static async Task PostCallbackAsync(TicketingTestHost host, string ticketId, string status, DateTimeOffset? at = null, string? note = null)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
        {
            ["ticketId"] = ticketId,
            ["status"] = status,
            ["at"] = (at ?? DateTimeOffset.UtcNow).ToString("O", CultureInfo.InvariantCulture),
            ["note"] = note,
        });
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host.BaseUri, "center/callbacks")) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(CenterSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(CenterSignature.SignatureHeader, CenterSignature.Compute(Encoding.UTF8.GetBytes(TicketingTestHost.CenterSecret), timestamp, body));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }
}
