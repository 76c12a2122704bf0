using System.Text.Json.Nodes;
using CitizenBot.Bot.Data;
using CitizenBot.Bot.Privacy;
using CitizenBot.Bot.Tests.BotApi;
using CitizenBot.Bot.Tests.Center;
using CitizenBot.Dialogs.GridWorker;
using CitizenBot.Dialogs.Report;
using CitizenBot.Dialogs.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.Bot.Tests.Privacy;

/// <summary>
/// The citizen's data through the real bot: "我的信息" lists what is kept, "删除我的信息" then "我的上报" leaves
/// nothing personal, a WeChat unsubscribe erases after the grace period unless the citizen comes back.
/// </summary>
public sealed class PersonalDataTests : IAsyncLifetime
{
    private const string ApiKey = "privacy-test-key-0123456789";
    private const string UserId = "privacy-user";
    private const string ConversationId = "privacy-conv";

    private PrivacyBot _bot = null!;
    private int _messageId;

    public Task InitializeAsync()
    {
        _bot = new PrivacyBot(Directory.CreateTempSubdirectory("citizenbot-privacy-").FullName);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        Directory.Delete(_bot.DataDirectory, recursive: true);
    }

    [Fact]
    public async Task Conversation_EraseThenMyReports_NothingPersonalLeft()
    {
        var receipt = await SubmitTicketAsync();
        await _bot.Services.GetRequiredService<IGridWorkerRegistry>()
            .RegisterAsync(new GridWorkerRegistration("api", UserId, "李师傅", "13900001111", GigPlatform.Meituan), CancellationToken.None);
        Assert.Contains(await SayAsync("我的上报"), r => r.Contains(receipt.Number, StringComparison.Ordinal));

        var shown = string.Join("\n", await SayAsync("我的信息"));
        Assert.Contains(receipt.Number, shown, StringComparison.Ordinal);
        Assert.Contains("李师傅，手机139****1111", shown, StringComparison.Ordinal);

        Assert.Contains(await SayAsync("删除我的信息"), r => r.Contains("确定删除吗", StringComparison.Ordinal));
        var erased = await SayAsync("是");
        Assert.StartsWith("已删除。1个工单和0个调解预约已去掉您的个人信息", erased[0], StringComparison.Ordinal);

        var after = string.Join("\n", await SayAsync("我的上报"));
        Assert.DoesNotContain(receipt.Number, after, StringComparison.Ordinal);
        var ticket = await QueryAsync(db => db.Tickets.AsNoTracking().SingleAsync(t => t.Id == receipt.TicketId));
        Assert.Equal(string.Empty, ticket.ReporterUserId);
        Assert.Equal(string.Empty, ticket.ReporterConversationId);
        Assert.False(await QueryAsync(db => db.GridWorkers.AnyAsync(w => w.UserId == UserId)));
        Assert.Contains(await SayAsync("我的信息"), r => r.Contains("上报工单：没有。", StringComparison.Ordinal));

        // Once the center has its copy, the daily clean-up removes the contact, the words and the exact place as well.
        // (The center's acceptance is written as the push job writes it; this in-memory test server has no port for the simulator.)
        await QueryAsync(db => db.Outbox.Where(o => o.Key.TicketId == receipt.TicketId)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.AcceptedAt, DateTimeOffset.UnixEpoch).SetProperty(o => o.LockedUntil, (DateTimeOffset?)null)));
        await _bot.Services.GetRequiredService<PrivacyJobs>().DailyCleanupAsync(CancellationToken.None);
        ticket = await QueryAsync(db => db.Tickets.AsNoTracking().SingleAsync(t => t.Id == receipt.TicketId));
        Assert.Null(ticket.ContactPhone);
        Assert.Null(ticket.ContactName);
        Assert.Equal(string.Empty, ticket.Description);
        Assert.Null(ticket.Address);
    }

    [Fact]
    public async Task Conversation_EraseAfterSupplementingSomeoneElsesTicket_ContactAndWordsGoOnceTheCenterHasThem()
    {
        var desk = _bot.Services.GetRequiredService<IReportDesk>();
        var ticket = await desk.SubmitAsync(TicketingTestHost.Submission(new Reporter("api", "someone-else", "other-conv")), CancellationToken.None);
        await desk.SupplementAsync(ticket.TicketId, TicketingTestHost.Submission(new Reporter("api", UserId, ConversationId), "又冒烟了"), CancellationToken.None);

        await SayAsync("删除我的信息");
        await SayAsync("是");

        // The center has not got it yet: the link to the citizen goes, what the push still needs stays.
        var supplement = await QueryAsync(db => db.Supplements.AsNoTracking().Include(s => s.History).SingleAsync());
        Assert.Equal(string.Empty, supplement.ReporterUserId);
        Assert.Equal("13800138000", supplement.ContactPhone);
        Assert.Equal("又冒烟了", supplement.History!.Note);

        await QueryAsync(db => db.Outbox.Where(o => o.Key.SubjectId == supplement.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.AcceptedAt, DateTimeOffset.UnixEpoch).SetProperty(o => o.LockedUntil, (DateTimeOffset?)null)));
        await _bot.Services.GetRequiredService<PrivacyJobs>().DailyCleanupAsync(CancellationToken.None);
        supplement = await QueryAsync(db => db.Supplements.AsNoTracking().Include(s => s.History).SingleAsync());
        Assert.True(supplement.Anonymous);
        Assert.Null(supplement.ContactPhone);
        Assert.Null(supplement.ContactName);
        Assert.Null(supplement.History!.Note);
        // The other citizen's ticket is theirs: untouched.
        Assert.Equal("someone-else", await QueryAsync(db => db.Tickets.Where(t => t.Id == ticket.TicketId).Select(t => t.ReporterUserId).SingleAsync()));
    }

    [Fact]
    public async Task Conversation_EraseAfterUrgingWithdrawingReopeningAndFollowing_RequestsForgotten()
    {
        var desk = _bot.Services.GetRequiredService<IReportDesk>();
        var lifecycle = _bot.Services.GetRequiredService<ITicketLifecycle>();
        var me = new Reporter("api", UserId, ConversationId);
        var mine = await desk.SubmitAsync(TicketingTestHost.Submission(me), CancellationToken.None);
        var answered = await desk.SubmitAsync(TicketingTestHost.Submission(me, latitude: 30.2, longitude: 120.2), CancellationToken.None);
        var theirs = await desk.SubmitAsync(TicketingTestHost.Submission(new Reporter("api", "someone-else", "other-conv"), latitude: 30.4, longitude: 120.4), CancellationToken.None);
        // The center has all three and answered one of them (written as the push job and a callback write them).
        await QueryAsync(db => db.Outbox.ExecuteUpdateAsync(s => s.SetProperty(o => o.AcceptedAt, DateTimeOffset.UnixEpoch).SetProperty(o => o.LockedUntil, (DateTimeOffset?)null)));
        await QueryAsync(db => db.Tickets.Where(t => t.Id == answered.TicketId).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TicketStatus.Resolved)));
        await QueryAsync(async db =>
        {
            var ticket = await db.Tickets.SingleAsync(t => t.Id == mine.TicketId);
            ticket.CreatedAt -= TimeSpan.FromDays(30);
            ticket.DueAt -= TimeSpan.FromDays(30);
            return await db.SaveChangesAsync();
        });
        Assert.Equal(UrgeOutcome.Recorded, (await lifecycle.UrgeAsync(me, mine.TicketId, CancellationToken.None)).Outcome);
        Assert.Equal(WithdrawOutcome.Requested, await lifecycle.WithdrawAsync(me, mine.TicketId, "我搬家了，不用处理了", CancellationToken.None));
        Assert.Equal(ReopenOutcome.Requested, await lifecycle.ReopenAsync(me, answered.TicketId, "楼道还是堵着", null, CancellationToken.None));
        Assert.Equal(FollowOutcome.Following, await lifecycle.FollowAsync(me, theirs.TicketId, CancellationToken.None));

        await SayAsync("删除我的信息");
        await SayAsync("是");

        Assert.False(await QueryAsync(db => db.Reminders.AnyAsync(r => r.UserId != string.Empty)));
        Assert.False(await QueryAsync(db => db.Followers.AnyAsync(f => f.UserId != string.Empty)));
        // Not pushed yet: the words stay until the center has them, then the daily clean-up removes them.
        Assert.Equal("我搬家了，不用处理了", await QueryAsync(db => db.Withdrawals.Select(w => w.Reason).SingleAsync()));
        await QueryAsync(db => db.Outbox.ExecuteUpdateAsync(s => s.SetProperty(o => o.AcceptedAt, DateTimeOffset.UnixEpoch).SetProperty(o => o.LockedUntil, (DateTimeOffset?)null)));
        await _bot.Services.GetRequiredService<PrivacyJobs>().DailyCleanupAsync(CancellationToken.None);
        Assert.Null(await QueryAsync(db => db.Withdrawals.Select(w => w.Reason).SingleAsync()));
        Assert.Null(await QueryAsync(db => db.Reopens.Select(r => r.Reason).SingleAsync()));
        // The center's counts stay: one reminder, one follower.
        Assert.Equal(1, await QueryAsync(db => db.Reminders.CountAsync()));
        Assert.Equal(1, await QueryAsync(db => db.Followers.CountAsync()));
    }

    [Fact]
    public async Task Unsubscribe_GracePeriodPasses_CitizenErased()
    {
        var receipt = await SubmitTicketAsync();
        await SayAsync("你好");

        Assert.Empty(await SendAsync(Membership(removed: true)));
        await _bot.Services.GetRequiredService<PrivacyJobs>().DailyCleanupAsync(CancellationToken.None);

        var ticket = await QueryAsync(db => db.Tickets.AsNoTracking().SingleAsync(t => t.Id == receipt.TicketId));
        Assert.Equal(string.Empty, ticket.ReporterUserId);
        Assert.Null(await FindReferenceAsync());
    }

    [Fact]
    public async Task Unsubscribe_CitizenComesBackWithinGracePeriod_NothingErased()
    {
        var receipt = await SubmitTicketAsync();

        await SendAsync(Membership(removed: true));
        await SendAsync(Membership(removed: false));
        await _bot.Services.GetRequiredService<PrivacyJobs>().DailyCleanupAsync(CancellationToken.None);

        var ticket = await QueryAsync(db => db.Tickets.AsNoTracking().SingleAsync(t => t.Id == receipt.TicketId));
        Assert.Equal(UserId, ticket.ReporterUserId);
        Assert.Equal("13800138000", ticket.ContactPhone);
    }

    private Task<TicketReceipt> SubmitTicketAsync() =>
        _bot.Services.GetRequiredService<IReportDesk>().SubmitAsync(
            TicketingTestHost.Submission(new Reporter("api", UserId, ConversationId)), CancellationToken.None);

    private Task<CitizenBot.Channels.Activities.ConversationReference?> FindReferenceAsync() =>
        _bot.Services.GetRequiredService<CitizenBot.Bot.Turns.IConversationReferenceStore>().FindAsync("api", UserId, CancellationToken.None);

    private async Task<T> QueryAsync<T>(Func<CitizenBotDbContext, Task<T>> query)
    {
        await using var db = await _bot.Services.GetRequiredService<IDbContextFactory<CitizenBotDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    private static JsonObject Membership(bool removed) => new()
    {
        ["type"] = "conversationUpdate",
        [removed ? "membersRemoved" : "membersAdded"] = new JsonArray(new JsonObject { ["id"] = UserId }),
    };

    private Task<List<string>> SayAsync(string text) => SendAsync(new JsonObject { ["type"] = "message", ["text"] = text });

    private async Task<List<string>> SendAsync(JsonObject activity)
    {
        using var http = _bot.CreateClient();
        activity["id"] = "m" + Interlocked.Increment(ref _messageId);
        activity["conversation"] = new JsonObject { ["id"] = ConversationId };
        activity["from"] = new JsonObject { ["id"] = UserId };
        return await ExpectReplies.SendAsync(http, ApiKey, activity);
    }

    /// <summary>The bot's own composition plus <see cref="PrivacyHost.AddPrivacy"/> (as the host will wire it), no grace period.</summary>
    private sealed class PrivacyBot(string dataDirectory) : WebApplicationFactory<Program>
    {
        public string DataDirectory { get; } = dataDirectory;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Storage:DataDirectory", DataDirectory);
            builder.UseSetting("BotApi:Key", ApiKey);
            builder.UseSetting("Privacy:UnsubscribeGracePeriod", "00:00:00");
            builder.ConfigureTestServices(services =>
                services.AddPrivacy(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Privacy:UnsubscribeGracePeriod"] = "00:00:00" }).Build()));
        }
    }
}
