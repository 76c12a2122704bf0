using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CitizenBot.Bot.Data;
using CitizenBot.Bot.Mediation;
using Hangfire;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using CitizenBot.Dialogs.Mediation;

namespace CitizenBot.Bot.Tests.Mediation;

[Trait("Category", "Security")]
public sealed class MediationApiTests
{
    private const string MondayNine = "lb-wang@20261130T0900";

    private static object Booking(string slotId = MondayNine, string otherPhone = "13900139000", string? bodyId = null) => new
    {
        slotId,
        bodyId,
        disputeType = "labor",
        facts = "在鑫达厂打工三个月，老板拖欠工资8000元",
        applicant = new { name = "张三", phone = "13800138000" },
        otherParty = new { name = "鑫达电子厂", phone = otherPhone },
    };

    [Fact]
    public async Task Book_FiftyConcurrentRequestsForOneSlot_ExactlyOneSucceedsOthersGetConflictWithOtherSlots()
    {
        await using var host = await MediationTestHost.StartAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            host.Http.SendAsync(host.AsCitizen(HttpMethod.Post, "api/mediation/bookings", $"dl_citizen-{i}", JsonContent.Create(Booking())))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(49, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var conflict = await responses.First(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("slot_taken", conflict.GetProperty("error").GetString());
        var offered = conflict.GetProperty("alternatives").EnumerateArray().Select(a => a.GetProperty("slotId").GetString()).ToList();
        Assert.NotEmpty(offered);
        Assert.DoesNotContain(MondayNine, offered);
        Assert.Equal(1, await host.QueryAsync(db => db.MediationBookings.CountAsync()));
    }

    [Fact]
    public async Task UniqueIndex_SecondActiveBookingOnSameMediatorSlot_RefusedByTheDatabase()
    {
        await using var host = await MediationTestHost.StartAsync();
        var start = MediationTestHost.Friday10.AddDays(3);

        await host.QueryAsync(async db =>
        {
            db.MediationBookings.Add(Record("a", "TJ1", BookingStatus.Confirmed, start));
            await db.SaveChangesAsync();
            db.MediationBookings.Add(Record("b", "TJ2", BookingStatus.Invited, start));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            return 0;
        });

        // A cancelled booking no longer holds the slot.
        await host.QueryAsync(async db =>
        {
            await db.MediationBookings.Where(b => b.Id == "a").ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BookingStatus.Cancelled));
            db.ChangeTracker.Clear();
            db.MediationBookings.Add(Record("c", "TJ3", BookingStatus.Invited, start));
            return await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task Book_ThenIcs_ParsesWithIcalNetAndCarriesTheJoinLink()
    {
        await using var host = await MediationTestHost.StartAsync();
        var created = await BookAsync(host);

        var ics = await host.Http.SendAsync(host.AsCitizen(HttpMethod.Get, $"api/mediation/bookings/{created.GetProperty("bookingId").GetString()}.ics"));

        Assert.Equal(HttpStatusCode.OK, ics.StatusCode);
        var calendar = Calendar.Load(await ics.Content.ReadAsStringAsync())!;
        var meeting = Assert.Single(calendar.Events);
        var joinUrl = created.GetProperty("joinUrl").GetString()!;
        Assert.Equal(joinUrl, meeting.Url!.ToString());
        Assert.Contains(joinUrl, meeting.Description, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero), new DateTimeOffset(meeting.DtStart!.AsUtc, TimeSpan.Zero));
    }

    [Fact]
    public async Task Join_TamperedOrExpiredLink_Refused()
    {
        await using var host = await MediationTestHost.StartAsync();
        var join = (await BookAsync(host)).GetProperty("joinUrl").GetString()!;

        var tampered = await host.NoRedirects.GetAsync(join.Replace("p=a", "p=b", StringComparison.Ordinal));
        var forged = await host.NoRedirects.GetAsync(join[..^3] + "AAA");
        host.Time.Advance(TimeSpan.FromDays(4));
        var expired = await host.NoRedirects.GetAsync(join);

        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("已经结束", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invitation_AcceptedThenJoin_NotOpenYetBeforeWindowRedirectToRoomInside()
    {
        await using var host = await MediationTestHost.StartAsync();
        var booking = await BookAsync(host);
        var invitation = booking.GetProperty("invitationUrl").GetString()!;

        var page = await host.Http.GetStringAsync(invitation);
        Assert.Contains("张三邀请您参加在线视频调解", page, StringComparison.Ordinal);
        var accepted = await host.Http.PostAsync(invitation, Form(invitation, "accept"));
        var acceptedPage = await accepted.Content.ReadAsStringAsync();
        Assert.Contains("您已接受调解邀请", acceptedPage, StringComparison.Ordinal);
        Assert.Contains(host.Notifier.Sent, n => n.UserId == "dl_citizen-1" && n.Text.Contains("对方已接受调解邀请", StringComparison.Ordinal));

        var join = booking.GetProperty("joinUrl").GetString()!;
        var early = await host.NoRedirects.GetAsync(join);
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains("视频调解室尚未开放", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        host.Time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 8, 46, 0, TimeSpan.FromHours(8)));
        var inside = await host.NoRedirects.GetAsync(join);
        Assert.Equal(HttpStatusCode.Redirect, inside.StatusCode);
        Assert.StartsWith("https://meet.example.org/tiaojie-", inside.Headers.Location!.ToString(), StringComparison.Ordinal);

        // The other party's own link (from the accepted page) opens the same room.
        var otherJoin = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(acceptedPage, "href=\"([^\"]*join[^\"]*)\"").Groups[1].Value);
        var other = await host.NoRedirects.GetAsync(otherJoin);
        Assert.Equal(inside.Headers.Location, other.Headers.Location);
    }

    [Fact]
    public async Task Invitation_Declined_ApplicantToldAndOfferedOtherWaysSlotFreed()
    {
        await using var host = await MediationTestHost.StartAsync();
        var invitation = (await BookAsync(host)).GetProperty("invitationUrl").GetString()!;

        await host.Http.PostAsync(invitation, Form(invitation, "decline"));
        var again = await host.Http.PostAsync(invitation, Form(invitation, "accept"));

        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        var told = Assert.Single(host.Notifier.Sent);
        Assert.Contains("对方拒绝了调解邀请", told.Text, StringComparison.Ordinal);
        Assert.Contains("12348", told.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await host.Http.SendAsync(host.AsCitizen(HttpMethod.Post, "api/mediation/bookings", "dl_citizen-2", JsonContent.Create(Booking())))).StatusCode);
    }

    [Fact]
    public async Task ExpireInvitation_AfterThreeWorkingDays_ExpiredAndApplicantTold()
    {
        await using var host = await MediationTestHost.StartAsync();
        var booking = await BookAsync(host, slotId: "lb-wang@20261204T0900");
        var id = booking.GetProperty("bookingId").GetString()!;
        var jobs = host.App.Services.GetRequiredService<MediationJobs>();

        // Friday 10:00 + 3 working days, skipping the weekend and the configured holiday (Tuesday 1 December).
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.FromHours(8)), booking.GetProperty("invitationExpiresAt").GetDateTimeOffset());
        host.Time.SetUtcNow(new DateTimeOffset(2026, 12, 3, 9, 59, 0, TimeSpan.FromHours(8)));
        await jobs.ExpireInvitationAsync(id, CancellationToken.None);
        Assert.Empty(host.Notifier.Sent);
        host.Time.SetUtcNow(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.FromHours(8)));
        await jobs.ExpireInvitationAsync(id, CancellationToken.None);
        await jobs.ExpireInvitationAsync(id, CancellationToken.None);

        Assert.Contains("没有在期限内接受", Assert.Single(host.Notifier.Sent).Text, StringComparison.Ordinal);
        Assert.Equal(BookingStatus.Expired, await host.QueryAsync(db => db.MediationBookings.Where(b => b.Id == id).Select(b => b.Status).SingleAsync()));
    }

    [Fact]
    public async Task Book_BadInput_ClearRefusals()
    {
        await using var host = await MediationTestHost.StartAsync();

        var past = await PostAsync(host, Booking(slotId: "lb-wang@20261127T0900"));
        var tooSoon = await PostAsync(host, Booking(slotId: "lb-wang@20261127T1100"));
        var otherBody = await PostAsync(host, Booking(bodyId: "chengguan"));
        var notASlot = await PostAsync(host, Booking(slotId: "lb-wang@20261130T0930"));
        var holiday = await PostAsync(host, Booking(slotId: "lb-wang@20261201T0900"));
        var badPhone = await PostAsync(host, Booking(otherPhone: "12345"));
        var anonymous = await host.Http.PostAsJsonAsync("api/mediation/bookings", Booking());

        Assert.All([past, tooSoon, otherBody, notASlot, holiday], r => Assert.Equal((HttpStatusCode.BadRequest, "slot_invalid"), r));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_input"), badPhone);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(0, await host.QueryAsync(db => db.MediationBookings.CountAsync()));
    }

    [Fact]
    public async Task CancelOrReschedule_SomeoneElsesBooking_NotFoundAndUnchanged()
    {
        await using var host = await MediationTestHost.StartAsync();
        var id = (await BookAsync(host)).GetProperty("bookingId").GetString()!;

        var cancel = await host.Http.SendAsync(host.AsCitizen(HttpMethod.Post, $"api/mediation/bookings/{id}/cancel", "dl_intruder"));
        var move = await host.Http.SendAsync(host.AsCitizen(HttpMethod.Post, $"api/mediation/bookings/{id}/reschedule", "dl_intruder", JsonContent.Create(new { slotId = "lb-wang@20261130T1000" })));
        var ics = await host.Http.SendAsync(host.AsCitizen(HttpMethod.Get, $"api/mediation/bookings/{id}.ics", "dl_intruder"));

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], new[] { cancel.StatusCode, move.StatusCode, ics.StatusCode });
        Assert.Equal(BookingStatus.Invited, await host.QueryAsync(db => db.MediationBookings.Where(b => b.Id == id).Select(b => b.Status).SingleAsync()));
    }

    [Fact]
    public async Task Reminders_BookedRescheduledCancelled_ScheduledMovedRemoved()
    {
        await using var host = await MediationTestHost.StartAsync();
        var id = (await BookAsync(host)).GetProperty("bookingId").GetString()!;
        var storage = host.App.Services.GetRequiredService<JobStorage>();

        Assert.Equal(3, Scheduled(storage, id).Count); // expiry + 24 h + 1 h
        var moved = await host.Http.SendAsync(host.AsCitizen(HttpMethod.Post, $"api/mediation/bookings/{id}/reschedule", content: JsonContent.Create(new { slotId = "lb-wang@20261202T1400" })));
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var reminders = Scheduled(storage, id).Where(j => j.Method == nameof(MediationJobs.RemindAsync)).ToList();
        Assert.Equal(
            [new DateTime(2026, 12, 1, 6, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 2, 5, 0, 0, DateTimeKind.Utc)],
            reminders.Select(j => j.EnqueueAt).Order().ToArray());

        await host.Http.SendAsync(host.AsCitizen(HttpMethod.Post, $"api/mediation/bookings/{id}/cancel"));
        Assert.Empty(Scheduled(storage, id));
    }

    [Fact]
    public async Task Reschedule_BeforeTheOtherPartyAnswered_TheirInvitationIsSentAgainForTheNewTimeAndDeadline()
    {
        await using var host = await MediationTestHost.StartAsync(partyReachable: true);
        var id = (await BookAsync(host)).GetProperty("bookingId").GetString()!;

        var moved = await host.Http.SendAsync(host.AsCitizen(HttpMethod.Post, $"api/mediation/bookings/{id}/reschedule", content: JsonContent.Create(new { slotId = "lb-wang@20261202T1400" })));

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        // Booked for Monday 9:00, the invitation ran until that session began; moved to Wednesday 14:00, it runs later,
        // and at most until the new session begins.
        var china = TimeSpan.FromHours(8);
        var expires = await host.QueryAsync(db => db.MediationBookings.Where(b => b.Id == id).Select(b => b.InvitationExpiresAt).SingleAsync());
        Assert.InRange(expires, new DateTimeOffset(2026, 11, 30, 9, 0, 1, china), new DateTimeOffset(2026, 12, 2, 14, 0, 0, china));
        var invitations = host.Party.Sent.Where(p => p.Text.Contains("邀请您通过视频参加", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, invitations.Count);
        Assert.Contains("12月2日", invitations[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemindAsync_ConfirmedBooking_BothPartiesRemindedOnce()
    {
        await using var host = await MediationTestHost.StartAsync(partyReachable: true);
        var (id, slotStart) = await ConfirmedBookingAsync(host);
        var jobs = host.App.Services.GetRequiredService<MediationJobs>();

        await jobs.RemindAsync(id, "1h", slotStart, CancellationToken.None);
        await jobs.RemindAsync(id, "1h", slotStart, CancellationToken.None);
        await jobs.RemindAsync(id, "24h", slotStart - 3600, CancellationToken.None); // left over from another slot

        Assert.Single(host.Notifier.Sent, n => n.Text.StartsWith("提醒", StringComparison.Ordinal));
        Assert.Single(host.Party.Sent, p => p.Text.StartsWith("提醒", StringComparison.Ordinal) && p.To.Phone == "13900139000");
        Assert.Contains(host.Party.Sent, p => p.Text.Contains("邀请您通过视频参加", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RemindAsync_SameReminderRunByManyWorkersAtOnce_SentOnce()
    {
        await using var host = await MediationTestHost.StartAsync(partyReachable: true);
        var (id, slotStart) = await ConfirmedBookingAsync(host);

        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => host.App.Services.GetRequiredService<MediationJobs>().RemindAsync(id, "1h", slotStart, CancellationToken.None))));

        Assert.Single(host.Notifier.Sent, n => n.Text.StartsWith("提醒", StringComparison.Ordinal));
        Assert.Single(host.Party.Sent, p => p.Text.StartsWith("提醒", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnotherInstanceStarts_JobsKeptInTheSharedStorage_NotScheduledTwice()
    {
        await using var host = await MediationTestHost.StartAsync();
        var id = (await BookAsync(host)).GetProperty("bookingId").GetString()!;
        var storage = host.App.Services.GetRequiredService<JobStorage>();
        Assert.Equal(3, Scheduled(storage, id).Count);

        // A second instance's start on the same job storage, as scaled out (Redis) where jobs outlive a process.
        var startup = Startup(host);
        var firstIds = await host.QueryAsync(db => db.MediationBookings.Where(b => b.Id == id).Select(b => b.ScheduledJobIds).SingleAsync());
        await startup.StartAsync(CancellationToken.None);
        await startup.ExecuteTask!;

        Assert.Equal(3, Scheduled(storage, id).Count);
        Assert.NotEqual(firstIds, await host.QueryAsync(db => db.MediationBookings.Where(b => b.Id == id).Select(b => b.ScheduledJobIds).SingleAsync()));
    }

    [Fact]
    public async Task Restart_InMemoryJobsLost_RebuiltFromBookings()
    {
        var data = Center.TicketingTestHost.NewDataDirectory();
        string id;
        await using (var first = await MediationTestHost.StartAsync(data))
        {
            id = (await BookAsync(first)).GetProperty("bookingId").GetString()!;
        }

        await using var second = await MediationTestHost.StartAsync(data);
        await Startup(second).ExecuteTask!;

        // The rebuild ran once the host had started (in the background); the ids it kept with the booking are jobs of
        // the new process's storage, scheduled, one per expiry and reminder.
        var jobIds = await second.QueryAsync(db => db.MediationBookings.Where(b => b.Id == id).Select(b => b.ScheduledJobIds).SingleAsync());
        using var connection = second.App.Services.GetRequiredService<JobStorage>().GetConnection();
        var jobs = jobIds.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(connection.GetJobData).ToList();
        Assert.Equal(3, jobs.Count);
        Assert.All(jobs, job => Assert.Equal("Scheduled", job?.State));
        Assert.All(jobs, job => Assert.Equal(id, job!.Job.Args[0]));
        Assert.Equal(3, Scheduled(second.App.Services.GetRequiredService<JobStorage>(), id).Count);
        Assert.Equal(
            ["ExpireInvitationAsync", "RemindAsync 1h", "RemindAsync 24h"],
            jobs.Select(job => job!.Job.Method.Name + (job.Job.Args.Count > 2 ? " " + job.Job.Args[1] : "")).Order(StringComparer.Ordinal));
    }

    private static MediationStartup Startup(MediationTestHost host) =>
        host.App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<MediationStartup>().Single();

    private static async Task<JsonElement> BookAsync(MediationTestHost host, string slotId = MondayNine)
    {
        var response = await host.Http.SendAsync(host.AsCitizen(HttpMethod.Post, "api/mediation/bookings", content: JsonContent.Create(Booking(slotId))));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Monday 9:00's slot booked and accepted by the other party: the booking's id and its start (Unix seconds).</summary>
    private static async Task<(string Id, long SlotStart)> ConfirmedBookingAsync(MediationTestHost host)
    {
        var booking = await BookAsync(host);
        var invitation = booking.GetProperty("invitationUrl").GetString()!;
        await host.Http.PostAsync(invitation, Form(invitation, "accept"));
        return (booking.GetProperty("bookingId").GetString()!, new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeSeconds());
    }

    private static async Task<(HttpStatusCode, string?)> PostAsync(MediationTestHost host, object body)
    {
        var response = await host.Http.SendAsync(host.AsCitizen(HttpMethod.Post, "api/mediation/bookings", content: JsonContent.Create(body)));
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    private static FormUrlEncodedContent Form(string invitationUrl, string answer)
    {
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(invitationUrl).Query);
        return new FormUrlEncodedContent(new Dictionary<string, string> { ["p"] = query["p"]!, ["exp"] = query["exp"]!, ["sig"] = query["sig"]!, ["answer"] = answer });
    }

    private static List<(string Method, DateTime? EnqueueAt)> Scheduled(JobStorage storage, string bookingId) =>
        [.. storage.GetMonitoringApi().ScheduledJobs(0, 1000)
            .Where(j => j.Value.Job?.Args.FirstOrDefault() as string == bookingId)
            .Select(j => (j.Value.Job.Method.Name, j.Value.EnqueueAt as DateTime?))];

    private static MediationBookingRecord Record(string id, string number, BookingStatus status, DateTimeOffset start) => new()
    {
        Id = id, Number = number, Status = status, BodyId = "labor", MediatorId = "lb-wang", SlotStart = start, SlotEnd = start.AddHours(1),
        DisputeType = "labor", Facts = "欠薪", ChannelId = "directline", UserId = "u-" + id, ConversationId = "c", ApplicantName = "甲",
        ApplicantPhone = "13800138000", OtherName = "乙", OtherPhone = "13900139000", RoomName = "r-" + id,
    };
}

public sealed class MediationPagesTests
{
    [Theory]
    [Trait("Category", "Security")]
    [InlineData("from=9999-12-31T00:00:00Z")]
    [InlineData("from=0001-01-01T00:00:00Z")]
    [InlineData("from=2026-11-27T00:00:00Z&to=9999-12-31T00:00:00Z")]
    public async Task Slots_DatesNoBookingCouldHave_Return400Not500(string range)
    {
        await using var host = await MediationTestHost.StartAsync();

        using var response = await host.Http.SendAsync(host.AsCitizen(HttpMethod.Get, "api/mediation/slots?bodyId=labor&" + range));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task BodiesAndSlots_Citizen_SampleCatalogAndFreeLaborSlotsInChinaTime()
    {
        await using var host = await MediationTestHost.StartAsync();

        var bodies = await (await host.Http.SendAsync(host.AsCitizen(HttpMethod.Get, "api/mediation/bodies"))).Content.ReadFromJsonAsync<JsonElement>();
        var slots = await (await host.Http.SendAsync(host.AsCitizen(HttpMethod.Get, "api/mediation/slots?bodyId=labor&from=2026-11-27T00:00:00%2B08:00&to=2026-12-02T00:00:00%2B08:00"))).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Contains(bodies.EnumerateArray(), b => b.GetProperty("bodyId").GetString() == "labor" && b.GetProperty("specialties").EnumerateArray().Any(s => s.GetString() == "labor"));
        var starts = slots.EnumerateArray().Select(s => s.GetProperty("start").GetString()!).ToList();
        // Friday after 12:00 (two hours' lead), then Monday; no weekend, no holiday (Tuesday 1 December).
        Assert.Equal("2026-11-27T14:00:00+08:00", starts[0]);
        Assert.Contains("2026-11-30T09:00:00+08:00", starts);
        Assert.DoesNotContain(starts, s => s.StartsWith("2026-11-28", StringComparison.Ordinal) || s.StartsWith("2026-11-29", StringComparison.Ordinal) || s.StartsWith("2026-12-01", StringComparison.Ordinal));
    }

    [Fact]
    public async Task QrAndOpsList_SignedLinkAndLoopbackOps_PngAndSessionWithoutCitizenData()
    {
        await using var host = await MediationTestHost.StartAsync();
        var response = await host.Http.SendAsync(host.AsCitizen(HttpMethod.Post, "api/mediation/bookings", content: JsonContent.Create(new
        {
            slotId = "lb-wang@20261130T0900", disputeType = "labor", facts = "欠薪三个月",
            applicant = new { name = "张三", phone = "13800138000" }, otherParty = new { name = "李四", phone = "13900139000" },
        })));
        var booking = await response.Content.ReadFromJsonAsync<JsonElement>();

        var png = await host.Http.GetByteArrayAsync(booking.GetProperty("qrUrl").GetString());
        var sessions = await host.Http.GetStringAsync("ops/mediation/sessions?bodyId=labor");

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Contains(booking.GetProperty("number").GetString()!, sessions, StringComparison.Ordinal);
        Assert.DoesNotContain("13800138000", sessions, StringComparison.Ordinal);
        Assert.DoesNotContain("张三", System.Text.RegularExpressions.Regex.Unescape(sessions), StringComparison.Ordinal);
    }
}
