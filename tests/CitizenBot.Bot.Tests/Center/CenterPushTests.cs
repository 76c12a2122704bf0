using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using CitizenBot.Bot.Ticketing.Center;
using CitizenBot.Bot.Data;
using CitizenBot.Bot.Ticketing.Lifecycle;
using CitizenBot.Channels.Activities;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using CitizenBot.Bot.Tests.TestData;
using CitizenBot.Bot.Tests.Hosting;
using CitizenBot.Dialogs.Identity;
using CitizenBot.Dialogs.Report;

namespace CitizenBot.Bot.Tests.Center;

/// <summary>Serial with the other ticketing hosts: Hangfire keeps some process-wide state (log provider).</summary>
[Collection(TicketingCollection.Name)]
public sealed class CenterPushTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Submit_Tickets_CenterReceivesEachOnceSignedWithStrippedPhotos()
    {
        await using var center = await FakeCenter.StartAsync();
        await using var host = await TicketingTestHost.StartAsync(TicketingTestHost.NewDataDirectory(), center.BaseUrl);
        var reporter = TicketingTestHost.Resident();
        var photo = await host.Desk.AcceptPhotoAsync(new Attachment { ContentUrl = TestImages.DataUri(TestImages.JpegWithGps(30.005, 120.005)) }, reporter, CancellationToken.None);

        var first = await host.Desk.SubmitAsync(TicketingTestHost.Submission(reporter, photos: [photo.PhotoId!]), CancellationToken.None);
        var second = await host.Desk.SubmitAsync(TicketingTestHost.Submission(reporter, "路灯不亮", categoryCode: "02-01", latitude: 30.015), CancellationToken.None);
        await Eventually.TrueAsync(() => Task.FromResult(center.Accepted("/api/tickets").Count() >= 2), "both tickets pushed");
        await JobsIdle.WaitAsync(host.App.Services); // every push that was going to happen has happened

        var pushes = center.Requests.Where(r => r.Path == "/api/tickets").ToList();
        Assert.Equal(2, pushes.Count);
        Assert.All(pushes, p => Assert.True(p.SignatureValid));
        Assert.Equal(new[] { first.TicketId, second.TicketId }.Order(StringComparer.Ordinal), pushes.Select(p => p.IdempotencyKey!).Order(StringComparer.Ordinal));

        using var body = JsonDocument.Parse(pushes.Single(p => p.IdempotencyKey == first.TicketId).Body);
        var root = body.RootElement;
        Assert.Equal(first.Number, root.GetProperty("number").GetString());
        Assert.Equal("05-01", root.GetProperty("category").GetProperty("code").GetString());
        Assert.Equal("SAMPLE-001", root.GetProperty("location").GetProperty("gridId").GetString());
        Assert.Equal("13800138000", root.GetProperty("reporter").GetProperty("phone").GetString());
        var sentPhoto = root.GetProperty("photos")[0];
        using var http = new HttpClient();
        var served = await http.GetByteArrayAsync(sentPhoto.GetProperty("url").GetString());
        Assert.Equal(sentPhoto.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(served)));
        var metadata = ImageMetadataReader.ReadMetadata(new MemoryStream(served));
        Assert.Empty(metadata.OfType<GpsDirectory>());
        Assert.Empty(metadata.OfType<ExifIfd0Directory>());
        var centerId = await host.QueryAsync(db => db.Tickets.Where(t => t.Id == first.TicketId).Select(t => t.CenterId).SingleAsync());
        Assert.Equal("C-" + first.TicketId, centerId);
    }

    [Fact]
    public async Task Submit_AnonymousReport_CenterGetsNoNameOrPhone()
    {
        await using var center = await FakeCenter.StartAsync();
        await using var host = await TicketingTestHost.StartAsync(TicketingTestHost.NewDataDirectory(), center.BaseUrl);
        var submission = TicketingTestHost.Submission(TicketingTestHost.Resident()) with { Anonymous = true };

        await host.Desk.SubmitAsync(submission, CancellationToken.None);
        await Eventually.TrueAsync(() => Task.FromResult(center.Accepted("/api/tickets").Any()), "ticket pushed");

        using var body = JsonDocument.Parse(center.Requests.First().Body);
        var reporter = body.RootElement.GetProperty("reporter");
        Assert.True(reporter.GetProperty("anonymous").GetBoolean());
        Assert.False(reporter.TryGetProperty("phone", out _));
        Assert.False(reporter.TryGetProperty("name", out _));
    }

    [Fact]
    public async Task Push_CenterRefusesConnectionsThenAnswers503_DeliveredWhenBack()
    {
        var port = FakeCenter.FreePort();
        await using var host = await TicketingTestHost.StartAsync(TicketingTestHost.NewDataDirectory(), $"http://127.0.0.1:{port}/api");
        var receipt = await host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident()), CancellationToken.None);
        await Eventually.TrueAsync(
            () => host.QueryAsync(db => db.Outbox.AnyAsync(o => o.Key.TicketId == receipt.TicketId && o.Attempts >= 2)),
            "two refused attempts");
        Assert.Null(await host.QueryAsync(db => db.Outbox.Where(o => o.Key.TicketId == receipt.TicketId).Select(o => o.AcceptedAt).SingleAsync()));

        await using var center = await FakeCenter.StartAsync(port, 503, 503);
        await Eventually.TrueAsync(
            () => host.QueryAsync(db => db.Outbox.AnyAsync(o => o.Key.TicketId == receipt.TicketId && o.AcceptedAt != null)),
            "accepted once the center is back");

        Assert.Equal(3, center.Requests.Count(r => r.IdempotencyKey == receipt.TicketId));
        Assert.Single(center.Accepted("/api/tickets"));
    }

    [Fact]
    public async Task Push_CenterAnswers422_ParkedAsFailedWithReasonAndNotRetried()
    {
        await using var center = await FakeCenter.StartAsync(0, 422);
        await using var host = await TicketingTestHost.StartAsync(TicketingTestHost.NewDataDirectory(), center.BaseUrl);

        var receipt = await host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident()), CancellationToken.None);
        await Eventually.TrueAsync(() => host.QueryAsync(db => db.Outbox.AnyAsync(o => o.Key.TicketId == receipt.TicketId && o.FailedAt != null)), "parked");
        await JobsIdle.WaitAsync(host.App.Services);

        var row = await host.QueryAsync(db => db.Outbox.SingleAsync(o => o.Key.TicketId == receipt.TicketId));
        Assert.Contains("422", row.LastError);
        Assert.Null(row.AcceptedAt);
        Assert.Single(center.Requests);
    }

    [Fact]
    public async Task Sweeper_TicketWrittenButNeverPushed_PushedAfterRestart()
    {
        var data = TicketingTestHost.NewDataDirectory();
        string ticketId;
        // First life: the center is unreachable and the process "crashes" (stops) with the ticket unpushed.
        await using (var first = await TicketingTestHost.StartAsync(data, $"http://127.0.0.1:{FakeCenter.FreePort()}/api",
                         new Dictionary<string, string?> { ["Center:RetryBaseDelay"] = "00:10:00", ["Center:RetryMaxDelay"] = "00:10:00" }))
        {
            ticketId = (await first.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident()), CancellationToken.None)).TicketId;
            await Eventually.TrueAsync(() => first.QueryAsync(db => db.Outbox.AnyAsync(o => o.Key.TicketId == ticketId && o.Attempts >= 1 && o.LockedUntil == null)), "first attempt failed");
        }

        await using var center = await FakeCenter.StartAsync();
        await using var second = await TicketingTestHost.StartAsync(data, center.BaseUrl);
        await Eventually.TrueAsync(() => Task.FromResult(center.Accepted("/api/tickets").Any()), "pushed by the start-up sweep");

        Assert.Equal(ticketId, Assert.Single(center.Requests).IdempotencyKey);
    }

    [Fact]
    public async Task Sweeper_RowCommittedByAnInstanceThatDiedBeforeQueuingItsPush_PushedByARunningInstance()
    {
        await using var center = await FakeCenter.StartAsync();
        await using var host = await TicketingTestHost.StartAsync(TicketingTestHost.NewDataDirectory(), center.BaseUrl,
            new Dictionary<string, string?> { ["Center:OutboxSweepInterval"] = "00:00:00.200" });
        // What another instance left: the ticket and its outbox row committed a while ago, no job queued, no claim.
        var ticketId = Guid.NewGuid().ToString("N");
        var committed = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(2);
        await host.QueryAsync(async db =>
        {
            db.Tickets.Add(new TicketRecord
            {
                Id = ticketId, Number = "20261204-9001", ChannelId = "directline", ReporterUserId = "user-1", ReporterConversationId = "conv-user-1",
                ReporterRole = ReporterRole.Resident, Type = "report", CategoryCode = "05-01", CategoryName = "消防/安全隐患", Urgency = Urgency.Normal,
                Description = "楼道堵了", Status = TicketStatus.Submitted, CreatedAt = committed, UpdatedAt = committed,
            });
            db.Outbox.Add(new OutboxRecord { Key = OutboxKey.Of(ticketId, OutboxKinds.Ticket), CreatedAt = committed });
            return await db.SaveChangesAsync();
        });

        await Eventually.TrueAsync(() => Task.FromResult(center.Accepted("/api/tickets").Any(r => r.IdempotencyKey == ticketId)), "pushed by the sweep");

        await Eventually.TrueAsync(() => host.QueryAsync(db => db.Outbox.AnyAsync(o => o.Key.TicketId == ticketId && o.AcceptedAt != null)), "accepted");
        Assert.Single(center.Accepted("/api/tickets"), r => r.IdempotencyKey == ticketId);
    }

    [Fact]
    public async Task Sweeper_PushBackingOffAfterAFailure_NotQueuedAgainBeforeItsRetry()
    {
        await using var host = await TicketingTestHost.StartAsync(TicketingTestHost.NewDataDirectory(), $"http://127.0.0.1:{FakeCenter.FreePort()}/api",
            new Dictionary<string, string?>
            {
                ["Center:OutboxSweepInterval"] = "00:00:00.100",
                ["Center:RetryBaseDelay"] = "00:10:00",
                ["Center:RetryMaxDelay"] = "00:10:00",
            });
        var ticketId = (await host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident()), CancellationToken.None)).TicketId;
        await Eventually.TrueAsync(() => host.QueryAsync(db => db.Outbox.AnyAsync(o => o.Key.TicketId == ticketId && o.Attempts >= 1 && o.LockedUntil == null)), "first attempt failed");

        await host.App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<OutboxSweeper>().Single().SweepAsync(CancellationToken.None);

        var row = await host.QueryAsync(db => db.Outbox.SingleAsync(o => o.Key.TicketId == ticketId));
        Assert.Equal(1, row.Attempts);
        // The retry is 10 minutes with ±20 % jitter, so at least 8 after the failure; a sweep that queued the row
        // again would have moved it only OutboxSweeper.RequeueSpacing (5 minutes) ahead.
        Assert.True(row.DueAt > DateTimeOffset.UtcNow + TimeSpan.FromMinutes(7), "due after its scheduled retry");
    }

    [Fact]
    public async Task Submit_ToCenterReceipt_EndToEndTimeMeasured()
    {
        await using var center = await FakeCenter.StartAsync();
        await using var host = await TicketingTestHost.StartAsync(TicketingTestHost.NewDataDirectory(), center.BaseUrl);
        var timings = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            var watch = Stopwatch.StartNew();
            var receipt = await host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident("timing-" + i)), CancellationToken.None);
            await Eventually.TrueAsync(() => Task.FromResult(center.Requests.Any(r => r.IdempotencyKey == receipt.TicketId)), "received");
            timings.Add(watch.Elapsed.TotalMilliseconds);
        }

        timings.Sort();
        output.WriteLine($"submit → center receipt: median {timings[timings.Count / 2]:F0} ms, min {timings[0]:F0} ms, max {timings[^1]:F0} ms over {timings.Count} runs");
        Assert.Equal(7, center.Requests.Select(r => r.IdempotencyKey).Distinct().Count());
    }
}
