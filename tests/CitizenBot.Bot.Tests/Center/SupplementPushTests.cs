using System.Security.Cryptography;
using System.Text.Json;
using CitizenBot.Bot.Ticketing.Center;
using CitizenBot.Bot.Tests.TestData;
using CitizenBot.Channels.Activities;
using CitizenBot.Dialogs.Report;
using CitizenBot.Dialogs.Identity;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using Microsoft.EntityFrameworkCore;
using CitizenBot.Bot.Tests.Hosting;

namespace CitizenBot.Bot.Tests.Center;

/// <summary>
/// "补充到已有工单": a citizen's words and photos added to an open ticket reach the center (<c>POST /tickets/{id}/supplements</c>)
/// through the outbox like the ticket itself, and only after the center has the ticket.
/// </summary>
[Collection(TicketingCollection.Name)]
public sealed class SupplementPushTests
{
    private const string Words = "火越烧越大，楼道里全是烟";

    [Fact]
    public async Task Supplement_WithDescriptionAndPhoto_CenterReceivesItOnceSignedAfterTheTicket()
    {
        await using var center = await FakeCenter.StartAsync();
        await using var host = await TicketingTestHost.StartAsync(TicketingTestHost.NewDataDirectory(), center.BaseUrl);
        var ticket = await host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident()), CancellationToken.None);
        var neighbour = TicketingTestHost.Resident("neighbour");
        var photo = await AcceptPhotoAsync(host, neighbour, TestImages.JpegWithGps(30.005, 120.005));

        await host.Desk.SupplementAsync(ticket.TicketId, Supplement(neighbour, photo) with { ContactName = "李四", ContactPhone = "13900139000" }, CancellationToken.None);
        await Eventually.TrueAsync(() => Task.FromResult(center.Accepted(SupplementsPath(ticket)).Any()), "supplement pushed");
        await JobsIdle.WaitAsync(host.App.Services); // every push that was going to happen has happened

        var requests = center.Requests.ToList();
        var push = Assert.Single(requests, r => r.Path == SupplementsPath(ticket));
        Assert.True(push.SignatureValid);
        var supplementId = await host.QueryAsync(db => db.Supplements.Where(s => s.TicketId == ticket.TicketId).Select(s => s.Id).SingleAsync());
        Assert.Equal(supplementId, push.IdempotencyKey);
        var ticketAccepted = requests.FindIndex(r => r.Path == "/api/tickets" && r.AnsweredStatus == 201);
        Assert.InRange(ticketAccepted, 0, requests.IndexOf(push) - 1);

        using var body = JsonDocument.Parse(push.Body);
        var root = body.RootElement;
        Assert.Equal(ticket.TicketId, root.GetProperty("ticketId").GetString());
        Assert.Equal(supplementId, root.GetProperty("supplementId").GetString());
        Assert.Equal(Words, root.GetProperty("description").GetString());
        Assert.Equal("directline", root.GetProperty("channel").GetString());
        Assert.True(root.TryGetProperty("at", out _));
        var reporter = root.GetProperty("reporter");
        Assert.False(reporter.GetProperty("anonymous").GetBoolean());
        Assert.Equal("resident", reporter.GetProperty("role").GetString());
        Assert.Equal("李四", reporter.GetProperty("name").GetString());
        Assert.Equal("13900139000", reporter.GetProperty("phone").GetString());
        var sentPhoto = Assert.Single(root.GetProperty("photos").EnumerateArray().ToList());
        using var http = new HttpClient();
        var served = await http.GetByteArrayAsync(sentPhoto.GetProperty("url").GetString());
        Assert.Equal(sentPhoto.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(served)));
        Assert.Empty(ImageMetadataReader.ReadMetadata(new MemoryStream(served)).OfType<GpsDirectory>());

        // The ticket's center id stays the one the center gave the ticket.
        Assert.Equal("C-" + ticket.TicketId, await host.QueryAsync(db => db.Tickets.Where(t => t.Id == ticket.TicketId).Select(t => t.CenterId).SingleAsync()));
        var history = await host.QueryAsync(db => db.History.Where(h => h.TicketId == ticket.TicketId && h.Status == TicketStatus.Supplemented).Select(h => h.Note).SingleAsync());
        Assert.Equal(Words, history);
    }

    [Fact]
    public async Task Supplement_AnonymousCitizen_CenterGetsNoNameOrPhone()
    {
        await using var center = await FakeCenter.StartAsync();
        await using var host = await TicketingTestHost.StartAsync(TicketingTestHost.NewDataDirectory(), center.BaseUrl);
        var ticket = await host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident()), CancellationToken.None);

        await host.Desk.SupplementAsync(ticket.TicketId, Supplement(TicketingTestHost.Resident("neighbour"), photoId: null) with { Anonymous = true }, CancellationToken.None);
        await Eventually.TrueAsync(() => Task.FromResult(center.Accepted(SupplementsPath(ticket)).Any()), "supplement pushed");

        using var body = JsonDocument.Parse(center.Accepted(SupplementsPath(ticket)).Single().Body);
        var reporter = body.RootElement.GetProperty("reporter");
        Assert.True(reporter.GetProperty("anonymous").GetBoolean());
        Assert.False(reporter.TryGetProperty("name", out _));
        Assert.False(reporter.TryGetProperty("phone", out _));
        Assert.Equal(0, body.RootElement.GetProperty("photos").GetArrayLength());
    }

    [Fact]
    public async Task Supplement_CenterAnswers503Twice_PushedAgainUntilAccepted()
    {
        // The ticket is accepted (201), then the supplement meets two 503s before the default 201.
        await using var center = await FakeCenter.StartAsync(0, 201, 503, 503);
        await using var host = await TicketingTestHost.StartAsync(TicketingTestHost.NewDataDirectory(), center.BaseUrl);
        var ticket = await host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident()), CancellationToken.None);
        await Eventually.TrueAsync(() => host.QueryAsync(db => db.Outbox.AnyAsync(o => o.Key.Kind == OutboxKinds.Ticket && o.AcceptedAt != null)), "ticket accepted");

        await host.Desk.SupplementAsync(ticket.TicketId, Supplement(TicketingTestHost.Resident("neighbour"), photoId: null), CancellationToken.None);
        await Eventually.TrueAsync(() => host.QueryAsync(db => db.Outbox.AnyAsync(o => o.Key.Kind == OutboxKinds.Supplement && o.AcceptedAt != null)), "supplement accepted");

        var supplementId = await host.QueryAsync(db => db.Supplements.Select(s => s.Id).SingleAsync());
        var pushes = center.Requests.Where(r => r.Path == SupplementsPath(ticket)).ToList();
        Assert.Equal([503, 503, 201], pushes.Select(p => p.AnsweredStatus));
        Assert.All(pushes, p => Assert.Equal(supplementId, p.IdempotencyKey));
        Assert.All(pushes, p => Assert.True(p.SignatureValid));
        var row = await host.QueryAsync(db => db.Outbox.SingleAsync(o => o.Key.SubjectId == supplementId));
        Assert.Equal(3, row.Attempts);
        Assert.Null(row.LastError);
        Assert.Null(row.FailedAt);
    }

    [Fact]
    public async Task Supplement_CenterAnswers404_ParkedAsFailedAndNotRetried()
    {
        await using var center = await FakeCenter.StartAsync(0, 201, 404);
        await using var host = await TicketingTestHost.StartAsync(TicketingTestHost.NewDataDirectory(), center.BaseUrl);
        var ticket = await host.Desk.SubmitAsync(TicketingTestHost.Submission(TicketingTestHost.Resident()), CancellationToken.None);
        await Eventually.TrueAsync(() => host.QueryAsync(db => db.Outbox.AnyAsync(o => o.Key.Kind == OutboxKinds.Ticket && o.AcceptedAt != null)), "ticket accepted");

        await host.Desk.SupplementAsync(ticket.TicketId, Supplement(TicketingTestHost.Resident("neighbour"), photoId: null), CancellationToken.None);
        await Eventually.TrueAsync(() => host.QueryAsync(db => db.Outbox.AnyAsync(o => o.Key.Kind == OutboxKinds.Supplement && o.FailedAt != null)), "parked");
        await JobsIdle.WaitAsync(host.App.Services);

        var row = await host.QueryAsync(db => db.Outbox.SingleAsync(o => o.Key.Kind == OutboxKinds.Supplement));
        Assert.Contains("404", row.LastError, StringComparison.Ordinal);
        Assert.Null(row.AcceptedAt);
        Assert.Single(center.Requests, r => r.Path == SupplementsPath(ticket));
        Assert.NotNull(await host.QueryAsync(db => db.Outbox.Where(o => o.Key.Kind == OutboxKinds.Ticket).Select(o => o.AcceptedAt).SingleAsync()));
    }

    [Fact]
    public async Task Supplement_TicketNotYetAccepted_WaitsForTheTicketThenFollowsIt()
    {
        var port = FakeCenter.FreePort();
        await using var host = await TicketingTestHost.StartAsync(TicketingTestHost.NewDataDirectory(), $"http://127.0.0.1:{port}/api");
        var reporter = TicketingTestHost.Resident();
        var ownPhoto = await AcceptPhotoAsync(host, reporter, TestImages.Jpeg(64, 48));
        var ticket = await host.Desk.SubmitAsync(TicketingTestHost.Submission(reporter, photos: [ownPhoto]), CancellationToken.None);
        var neighbour = TicketingTestHost.Resident("neighbour");
        var addedPhoto = await AcceptPhotoAsync(host, neighbour, TestImages.Jpeg(80, 60));
        await host.Desk.SupplementAsync(ticket.TicketId, Supplement(neighbour, addedPhoto), CancellationToken.None);
        // The center is unreachable: the ticket's push fails and the supplement waits for it (without a request of its own).
        await Eventually.TrueAsync(
            () => host.QueryAsync(db => db.Outbox.AnyAsync(o => o.Key.Kind == OutboxKinds.Supplement && o.Attempts >= 1 && o.LastError != null && o.LastError.Contains("waiting"))),
            "the supplement waited for its ticket");
        Assert.Null(await host.QueryAsync(db => db.Outbox.Where(o => o.Key.Kind == OutboxKinds.Supplement).Select(o => o.AcceptedAt).SingleAsync()));

        // The center comes back and refuses the ticket once more: still the supplement waits.
        await using var center = await FakeCenter.StartAsync(port, 503);
        await Eventually.TrueAsync(() => Task.FromResult(center.Accepted(SupplementsPath(ticket)).Any()), "supplement pushed once the ticket was accepted");

        var requests = center.Requests.ToList();
        Assert.Equal(["/api/tickets", "/api/tickets", SupplementsPath(ticket)], requests.Select(r => r.Path));
        Assert.Equal([503, 201, 201], requests.Select(r => r.AnsweredStatus));
        // The ticket carries the report's own photo, the supplement the photo it brought.
        using var ticketBody = JsonDocument.Parse(requests[1].Body);
        using var supplementBody = JsonDocument.Parse(requests[2].Body);
        Assert.Equal([await Sha256Async(host, ownPhoto)], ticketBody.RootElement.GetProperty("photos").EnumerateArray().Select(p => p.GetProperty("sha256").GetString()));
        Assert.Equal([await Sha256Async(host, addedPhoto)], supplementBody.RootElement.GetProperty("photos").EnumerateArray().Select(p => p.GetProperty("sha256").GetString()));
    }

    private static string SupplementsPath(TicketReceipt ticket) => $"/api/tickets/{ticket.TicketId}/supplements";

    private static ReportSubmission Supplement(Reporter reporter, string? photoId) =>
        TicketingTestHost.Submission(reporter, Words, photos: photoId is null ? [] : [photoId]);

    private static async Task<string> AcceptPhotoAsync(TicketingTestHost host, Reporter reporter, byte[] image)
    {
        var photo = await host.Desk.AcceptPhotoAsync(new Attachment { ContentUrl = TestImages.DataUri(image) }, reporter, CancellationToken.None);
        Assert.True(photo.Accepted);
        return photo.PhotoId!;
    }

    private static Task<string> Sha256Async(TicketingTestHost host, string photoId) =>
        host.QueryAsync(db => db.Photos.Where(p => p.Id == photoId).Select(p => p.Sha256).SingleAsync());
}
