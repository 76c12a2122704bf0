using System.Globalization;
using System.Net;
using System.Text;
using CitizenBot.Bot.Data;
using CitizenBot.Bot.Hosting;
using CitizenBot.Channels.DirectLine;
using CitizenBot.Dialogs.Mediation;
using CitizenBot.Dialogs.Resources;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.Mediation;

/// <summary>
/// The web page's API (authorised by the citizen's Direct Line token), the personal link pages (join, QR, calendar,
/// invitation) and the read-only ops list of a body's upcoming sessions.
/// </summary>
internal static class MediationEndpoints
{
    public const int MaxSlotsListed = 100;

    /// <summary>How far ahead slots can be asked for: a year.</summary>
    private const int MaxDaysAhead = 366;

    public static IEndpointRouteBuilder MapMediationApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/mediation");
        api.MapGet("/bodies", ListBodiesAsync);
        api.MapGet("/slots", ListSlotsAsync);
        api.MapGet("/bookings", ListBookingsAsync);
        api.MapPost("/bookings", BookAsync);
        api.MapPost("/bookings/{id}/cancel", CancelAsync);
        api.MapPost("/bookings/{id}/reschedule", RescheduleAsync);
        api.MapGet("/bookings/{id}.ics", CalendarAsync);

        var pages = endpoints.MapGroup("/mediation/{id}");
        pages.MapGet("/join", JoinAsync);
        pages.MapGet("/qr.png", QrAsync);
        pages.MapGet("/calendar.ics", LinkCalendarAsync);
        pages.MapGet("/invite", InvitationAsync);
        pages.MapPost("/invite", AnswerAsync);

        endpoints.MapGet("/ops/mediation/sessions", SessionsAsync);
        return endpoints;
    }

    internal sealed record BodyView(string BodyId, string Name, string Kind, string Address, IReadOnlyList<string> Specialties, bool FreeOfCharge);

    internal sealed record SlotView(string SlotId, string BodyId, string MediatorId, string MediatorName, DateTimeOffset Start, DateTimeOffset End);

    internal sealed record PartyView(string? Name, string? Phone, string? WeChatId);

    internal sealed record BookingBody(string? SlotId, string? BodyId, string? DisputeType, string? Facts, PartyView? Applicant, PartyView? OtherParty);

    internal sealed record RescheduleBody(string? SlotId);

    internal sealed record BookingView(
        string BookingId, string Number, string Status, string BodyId, string BodyName, string MediatorName, string DisputeType,
        DateTimeOffset Start, DateTimeOffset End, string JoinUrl, string IcsUrl, string QrUrl, string InvitationUrl, bool InvitationSent, DateTimeOffset InvitationExpiresAt);

    internal sealed record Problem(string Error, string Message, IReadOnlyList<SlotView>? Alternatives = null);

    private static async Task<Results<Ok<List<BodyView>>, UnauthorizedHttpResult>> ListBodiesAsync(HttpContext http, MediationCatalog catalog)
    {
        if (await CitizenAsync(http).ConfigureAwait(false) is null)
        {
            return TypedResults.Unauthorized();
        }

        return TypedResults.Ok(catalog.Bodies.Select(b => MediationCatalog.ToBody(b)).Select(b => new BodyView(b.BodyId, b.Name, b.Kind, b.Address, b.Specialties, b.FreeOfCharge)).ToList());
    }

    private static async Task<Results<Ok<List<SlotView>>, BadRequest<Problem>, UnauthorizedHttpResult>> ListSlotsAsync(
        HttpContext http, string? bodyId, DateTimeOffset? from, DateTimeOffset? to, string? disputeType, MediationDesk desk, MediationCatalog catalog,
        IOptions<MediationOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await CitizenAsync(http).ConfigureAwait(false) is null)
        {
            return TypedResults.Unauthorized();
        }

        if (bodyId is null || catalog.FindBody(bodyId) is null)
        {
            return TypedResults.BadRequest(new Problem("unknown_body", Texts.MediationProblemUnknownBody));
        }

        var now = time.GetUtcNow();
        var start = from ?? now;
        // Only dates a booking could be made for: anything else (9999-12-31 would overflow the search) is a bad request.
        if (start < now.AddDays(-1) || start > now.AddDays(MaxDaysAhead) || (to is { } until && (until < start || until > now.AddDays(MaxDaysAhead + 31))))
        {
            return TypedResults.BadRequest(new Problem("range_out_of_bounds", Texts.MediationProblemRangeOutOfBounds));
        }

        var end = to ?? start.AddDays(options.Value.SearchDays);
        if (end - start > TimeSpan.FromDays(31))
        {
            return TypedResults.BadRequest(new Problem("range_too_long", Texts.MediationProblemRangeTooLong));
        }

        var slots = await desk.FreeSlotsAsync(bodyId, disputeType, start, end, MaxSlotsListed, except: null, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(slots.Select(View).ToList());
    }

    private static async Task<Results<Ok<List<BookingView>>, UnauthorizedHttpResult>> ListBookingsAsync(HttpContext http, MediationDesk desk, CancellationToken cancellationToken)
    {
        if (await CitizenAsync(http).ConfigureAwait(false) is not { } citizen)
        {
            return TypedResults.Unauthorized();
        }

        return TypedResults.Ok((await desk.ListActiveAsync(citizen, cancellationToken).ConfigureAwait(false)).Select(View).ToList());
    }

    private static async Task<IResult> BookAsync(HttpContext http, BookingBody body, MediationDesk desk, CancellationToken cancellationToken)
    {
        if (await CitizenAsync(http).ConfigureAwait(false) is not { } citizen)
        {
            return TypedResults.Unauthorized();
        }

        var request = new BookingRequest(
            citizen, body.SlotId ?? string.Empty, body.DisputeType ?? string.Empty, body.Facts ?? string.Empty,
            new PartyContact(body.Applicant?.Name ?? string.Empty, body.Applicant?.Phone),
            new PartyContact(body.OtherParty?.Name ?? string.Empty, body.OtherParty?.Phone, body.OtherParty?.WeChatId),
            body.BodyId);
        var result = await desk.BookAsync(request, cancellationToken).ConfigureAwait(false);
        return result.Outcome == BookingOutcome.Done
            ? TypedResults.Created($"/api/mediation/bookings/{result.Booking!.BookingId}", View(result.Booking))
            : Failure(result);
    }

    private static async Task<IResult> CancelAsync(HttpContext http, string id, MediationDesk desk, CancellationToken cancellationToken)
    {
        if (await CitizenAsync(http).ConfigureAwait(false) is not { } citizen)
        {
            return TypedResults.Unauthorized();
        }

        var result = await desk.CancelAsync(citizen, id, cancellationToken).ConfigureAwait(false);
        return result.Outcome == BookingOutcome.Done ? TypedResults.Ok(View(result.Booking!)) : Failure(result);
    }

    private static async Task<IResult> RescheduleAsync(HttpContext http, string id, RescheduleBody body, MediationDesk desk, CancellationToken cancellationToken)
    {
        if (await CitizenAsync(http).ConfigureAwait(false) is not { } citizen)
        {
            return TypedResults.Unauthorized();
        }

        var result = await desk.RescheduleAsync(citizen, id, body.SlotId ?? string.Empty, cancellationToken).ConfigureAwait(false);
        return result.Outcome == BookingOutcome.Done ? TypedResults.Ok(View(result.Booking!)) : Failure(result);
    }

    private static async Task<IResult> CalendarAsync(
        HttpContext http, string id, MediationDesk desk, MediationCatalog catalog, MediationLinks links, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await CitizenAsync(http).ConfigureAwait(false) is not { } citizen)
        {
            return TypedResults.Unauthorized();
        }

        if (await desk.FindOwnAsync(citizen, id, cancellationToken).ConfigureAwait(false) is not { } own
            || await desk.FindRecordAsync(own.BookingId, cancellationToken).ConfigureAwait(false) is not { } record)
        {
            return TypedResults.NotFound(new Problem("not_found", Texts.MediationProblemNotFound));
        }

        return CalendarFile(record, MediationParty.Applicant, catalog, links, time);
    }

    private static async Task<IResult> JoinAsync(HttpContext http, string id, MediationDesk desk, MediationLinks links, IVideoRoomProvider rooms,
        IOptions<MediationOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var (record, failure) = await CheckJoinLinkAsync(http, id, desk, links, time, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        var now = time.GetUtcNow();
        if (record!.Status != BookingStatus.Confirmed)
        {
            return Page(HttpStatusCode.Conflict, Texts.MediationPageNotConfirmed);
        }

        var opens = record.SlotStart - options.Value.JoinOpensBefore;
        if (now < opens)
        {
            return Page(HttpStatusCode.OK, string.Format(CultureInfo.CurrentCulture, Texts.MediationPageNotOpenYet, MediationDesk.Period(record.SlotStart, record.SlotEnd), MediationDesk.LocalTime(opens)));
        }

        return TypedResults.Redirect(rooms.RoomUrl(record.RoomName).ToString());
    }

    private static async Task<IResult> QrAsync(HttpContext http, string id, MediationDesk desk, MediationLinks links, TimeProvider time, CancellationToken cancellationToken)
    {
        var (record, failure) = await CheckJoinLinkAsync(http, id, desk, links, time, cancellationToken).ConfigureAwait(false);
        return failure ?? TypedResults.File(MediationFiles.QrPng(links.Join(record!.Id, PartyOf(http), record.SlotEnd)), "image/png");
    }

    private static async Task<IResult> LinkCalendarAsync(
        HttpContext http, string id, MediationDesk desk, MediationCatalog catalog, MediationLinks links, TimeProvider time, CancellationToken cancellationToken)
    {
        var (record, failure) = await CheckJoinLinkAsync(http, id, desk, links, time, cancellationToken).ConfigureAwait(false);
        return failure ?? CalendarFile(record!, PartyOf(http), catalog, links, time);
    }

    private static async Task<IResult> InvitationAsync(HttpContext http, string id, MediationDesk desk, MediationCatalog catalog, MediationLinks links, TimeProvider time, CancellationToken cancellationToken)
    {
        var query = http.Request.Query;
        if (links.Verify(MediationLinks.InvitePurpose, id, query["p"], query["exp"], query["sig"]) is null
            || await desk.FindRecordAsync(id, cancellationToken).ConfigureAwait(false) is not { } record)
        {
            return Page(HttpStatusCode.Forbidden, Texts.MediationPageInvalid);
        }

        if (record.Status != BookingStatus.Invited || time.GetUtcNow() >= record.InvitationExpiresAt)
        {
            return Page(HttpStatusCode.Gone, Texts.MediationPageInvitationClosed);
        }

        var text = string.Format(
            CultureInfo.CurrentCulture, Texts.MediationPageInvitation,
            record.ApplicantName, catalog.DisputeTypeName(record.DisputeType), catalog.FindBody(record.BodyId)?.Name ?? record.BodyId,
            MediationDesk.Period(record.SlotStart, record.SlotEnd), MediationDesk.LocalTime(record.InvitationExpiresAt));
        var hidden = $"<input type=\"hidden\" name=\"p\" value=\"b\"><input type=\"hidden\" name=\"exp\" value=\"{Html(query["exp"])}\"><input type=\"hidden\" name=\"sig\" value=\"{Html(query["sig"])}\">";
        var form = $"<form method=\"post\">{hidden}<button name=\"answer\" value=\"accept\">{Html(Texts.MediationPageAcceptButton)}</button> "
            + $"<button name=\"answer\" value=\"decline\">{Html(Texts.MediationPageDeclineButton)}</button></form>";
        return Page(HttpStatusCode.OK, text, form);
    }

    private static async Task<IResult> AnswerAsync(HttpContext http, string id, MediationDesk desk, MediationLinks links, CancellationToken cancellationToken)
    {
        if (!http.Request.HasFormContentType)
        {
            return Page(HttpStatusCode.BadRequest, Texts.MediationPageInvalid);
        }

        var form = await http.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        if (links.Verify(MediationLinks.InvitePurpose, id, form["p"], form["exp"], form["sig"]) is null)
        {
            return Page(HttpStatusCode.Forbidden, Texts.MediationPageInvalid);
        }

        var accept = string.Equals(form["answer"], "accept", StringComparison.Ordinal);
        if (await desk.AnswerInvitationAsync(id, accept, cancellationToken).ConfigureAwait(false) is not { } record)
        {
            return Page(HttpStatusCode.Gone, Texts.MediationPageInvitationClosed);
        }

        if (!accept)
        {
            return Page(HttpStatusCode.OK, Texts.MediationPageDeclinedDone);
        }

        var join = links.Join(record.Id, MediationParty.Other, record.SlotEnd);
        var extra = $"<p><a href=\"{Html(join)}\">{Html(join)}</a></p><p><img alt=\"{Html(Texts.MediationPageQrAlt)}\" src=\"{Html(links.Qr(record.Id, MediationParty.Other, record.SlotEnd))}\"></p>"
            + $"<p><a href=\"{Html(links.Calendar(record.Id, MediationParty.Other, record.SlotEnd))}\">{Html(Texts.MediationPageAddToCalendar)}</a></p>";
        return Page(HttpStatusCode.OK, string.Format(CultureInfo.CurrentCulture, Texts.MediationPageAccepted, MediationDesk.Period(record.SlotStart, record.SlotEnd)), extra);
    }

    /// <summary>A body's upcoming sessions for the center's staff: no names or numbers of citizens, only what a mediator plans with.</summary>
    private static async Task<IResult> SessionsAsync(
        HttpContext http, string? bodyId, IDbContextFactory<CitizenBotDbContext> databases, DashboardAuthorization authorization, JobStorage storage,
        MediationCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!authorization.Authorize(new AspNetCoreDashboardContext(storage, new DashboardOptions(), http)))
        {
            // No authentication scheme is registered, so Forbid() would be a 500: the status itself.
            return http.Response.Headers.WWWAuthenticate.Count > 0 ? TypedResults.Unauthorized() : TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        }

        var now = time.GetUtcNow();
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var sessions = await db.MediationBookings.AsNoTracking()
            .Where(b => (bodyId == null || b.BodyId == bodyId) && (b.Status == BookingStatus.Invited || b.Status == BookingStatus.Confirmed) && b.SlotEnd > now)
            .OrderBy(b => b.SlotStart)
            .Select(b => new { b.Number, b.Status, b.BodyId, b.MediatorId, b.DisputeType, b.SlotStart, b.SlotEnd })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(sessions.Select(s => new
        {
            s.Number,
            Status = BookingStatuses.ToStored(s.Status),
            s.BodyId,
            Body = catalog.FindBody(s.BodyId)?.Name,
            Mediator = catalog.Mediators.TryGetValue(s.MediatorId, out var m) ? m.Mediator.Name : s.MediatorId,
            DisputeType = catalog.DisputeTypeName(s.DisputeType),
            Start = TimeZoneInfo.ConvertTime(s.SlotStart, MediationCalendar.China),
            End = TimeZoneInfo.ConvertTime(s.SlotEnd, MediationCalendar.China),
        }).ToList());
    }

    private static async Task<(MediationBookingRecord? Record, IResult? Failure)> CheckJoinLinkAsync(
        HttpContext http, string id, MediationDesk desk, MediationLinks links, TimeProvider time, CancellationToken cancellationToken)
    {
        var query = http.Request.Query;
        if (links.Verify(MediationLinks.JoinPurpose, id, query["p"], query["exp"], query["sig"]) is null
            || await desk.FindRecordAsync(id, cancellationToken).ConfigureAwait(false) is not { } record)
        {
            return (null, Page(HttpStatusCode.Forbidden, Texts.MediationPageInvalid));
        }

        // The link's own expiry (the end of the slot it was made for) and the booking's current slot must both be ahead.
        var now = time.GetUtcNow();
        if (MediationLinks.IsExpired(query["exp"], now) || now >= record.SlotEnd)
        {
            return (null, Page(HttpStatusCode.Gone, Texts.MediationPageEnded));
        }

        return (record, null);
    }

    private static IResult CalendarFile(MediationBookingRecord record, MediationParty party, MediationCatalog catalog, MediationLinks links, TimeProvider time)
    {
        var join = links.Join(record.Id, party, record.SlotEnd);
        var text = MediationFiles.Calendar(record, catalog.FindBody(record.BodyId)?.Name ?? record.BodyId, catalog.DisputeTypeName(record.DisputeType), join, time.GetUtcNow());
        return TypedResults.File(Encoding.UTF8.GetBytes(text), MediationFiles.CalendarContentType, record.Number + ".ics");
    }

    private static MediationParty PartyOf(HttpContext http) => http.Request.Query["p"] == "b" ? MediationParty.Other : MediationParty.Applicant;

    private static IResult Failure(BookingResult result)
    {
        var alternatives = result.OtherSlots.Select(View).ToList();
        return result.Outcome switch
        {
            BookingOutcome.SlotTaken => TypedResults.Conflict(new Problem("slot_taken", Texts.MediationProblemSlotTaken, alternatives)),
            BookingOutcome.SlotInvalid => TypedResults.BadRequest(new Problem("slot_invalid", Texts.MediationProblemSlotInvalid, alternatives)),
            BookingOutcome.InvalidInput => TypedResults.BadRequest(new Problem("invalid_input", Texts.MediationProblemInvalidInput)),
            BookingOutcome.NotChangeable => TypedResults.Conflict(new Problem("not_changeable", Texts.MediationProblemNotChangeable)),
            _ => TypedResults.NotFound(new Problem("not_found", Texts.MediationProblemNotFound)),
        };
    }

    /// <summary>The citizen a Direct Line token (<c>Authorization: Bearer</c>) stands for; null without a valid one.</summary>
    private static async Task<MediationCitizen?> CitizenAsync(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var bearer = await http.RequestServices.GetRequiredService<IDirectLineTokenGate>().VerifyAsync(header["Bearer ".Length..].Trim()).ConfigureAwait(false);
        return bearer is null ? null : new MediationCitizen(bearer.ChannelId, bearer.UserId, bearer.ConversationId);
    }

    private static SlotView View(MediationSlot s) => new(s.SlotId, s.BodyId, s.MediatorId, s.MediatorName, s.Start, s.End);

    private static BookingView View(MediationBooking b) => new(
        b.BookingId, b.Number, b.Status.ToString(), b.BodyId, b.BodyName, b.MediatorName, b.DisputeType, b.Start, b.End,
        b.JoinUrl, b.IcsUrl, b.QrUrl, b.InvitationUrl, b.InvitationSent, b.InvitationExpiresAt);

    private static IResult Page(HttpStatusCode status, string text, string extraHtml = "")
    {
        var paragraphs = string.Concat(text.Split('\n').Select(line => "<p>" + Html(line) + "</p>"));
        var html = "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + $"<title>{Html(Texts.MediationPageTitle)}</title>"
            + "<style>body{font-family:sans-serif;max-width:36em;margin:2em auto;padding:0 1em;line-height:1.6}button{font-size:1.1em;padding:.5em 1.5em;margin-right:1em}</style></head>"
            + $"<body><h1>{Html(Texts.MediationPageTitle)}</h1>{paragraphs}{extraHtml}</body></html>";
        return TypedResults.Content(html, "text/html; charset=utf-8", Encoding.UTF8, (int)status);
    }

    private static string Html(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
}
