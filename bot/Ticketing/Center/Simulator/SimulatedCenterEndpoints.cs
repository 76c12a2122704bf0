using System.Collections.Concurrent;
using System.Text.Json;
using CitizenBot.Bot.Ticketing.Lifecycle;
using CitizenBot.Bot.Hosting;
using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.Ticketing.Center.Simulator;

/// <summary>
/// SIMULATED service center for development and demos, used when <c>Center:BaseUrl</c> is empty. It is reached over
/// real HTTP on this same server, checks signatures like a real center would, deduplicates by Idempotency-Key and
/// walks each ticket through accepted → dispatched → resolved with signed callbacks. It answers a 催办 with an
/// in_progress note, a withdrawal with withdrawn (and stops the ticket's steps), a 重办 with reopened → dispatched →
/// resolved, and counts followers. It is not a real center.
/// </summary>
internal static class SimulatedCenterEndpoints
{
    public const string RoutePrefix = "/simulated-center";

    public static IEndpointRouteBuilder MapSimulatedCenter(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(RoutePrefix).ExcludeFromDescription();
        group.MapGet("/", () => TypedResults.Text("SIMULATED service center (模拟综治中心) — for development only, not a real center.\n"));
        group.MapPost("/tickets", ReceiveTicketAsync);
        group.MapPost("/tickets/{id}/feedback", ReceiveFeedbackAsync);
        group.MapPost("/tickets/{id}/supplements", ReceiveSupplementAsync);
        group.MapPost("/tickets/{id}/reminders", ReceiveReminderAsync);
        group.MapPost("/tickets/{id}/withdrawal", ReceiveWithdrawalAsync);
        group.MapPost("/tickets/{id}/reopen", ReceiveReopenAsync);
        group.MapPost("/tickets/{id}/followers", ReceiveFollowerAsync);
        group.MapPost("/hotspots", ReceiveHotspotAsync);
        group.MapPost("/digests", ReceiveDigestAsync);
        return endpoints;
    }

    private static async Task<IResult> ReceiveTicketAsync(
        HttpRequest request,
        SimulatedCenterState state,
        CenterEndpointResolver endpoint,
        JobHandOff jobs,
        IOptions<CenterOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var body = await ReadVerifiedAsync(request, endpoint, options.Value, time, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return TypedResults.Unauthorized();
        }

        var ticket = JsonSerializer.Deserialize(body, CenterJson.Default.CenterTicket);
        var key = request.Headers[CenterSignature.IdempotencyHeader].ToString();
        if (ticket is null || key != ticket.Id)
        {
            return TypedResults.BadRequest();
        }

        var centerId = "SIM-" + ticket.Number;
        if (!state.Received.TryAdd(key, ticket))
        {
            return TypedResults.Conflict(new CenterAcceptance(centerId));
        }

        var highValue = ticket.Reporter.Role == ReporterRoles.GridWorker && ticket.Photos.Count > 0;
        SimulatedCenterJob.ScheduleStep(jobs, time, options.Value.SimulatorStepDelay, ticket.Id, SimulatedCenterJob.FirstStatus, highValue);
        return TypedResults.Created((string?)null, new CenterAcceptance(centerId));
    }

    private static async Task<IResult> ReceiveFeedbackAsync(
        string id,
        HttpRequest request,
        SimulatedCenterState state,
        CenterEndpointResolver endpoint,
        IOptions<CenterOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var body = await ReadVerifiedAsync(request, endpoint, options.Value, time, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return TypedResults.Unauthorized();
        }

        var feedback = JsonSerializer.Deserialize(body, CenterJson.Default.CenterFeedback);
        if (feedback is null || feedback.TicketId != id)
        {
            return TypedResults.BadRequest();
        }

        state.Feedback[id] = feedback;
        return TypedResults.Ok();
    }

    /// <summary>
    /// Keeps a supplement once per Idempotency-Key. Tickets received before a restart are forgotten (in memory), so it
    /// takes supplements of tickets it does not know as well; the bot only sends them after the ticket was accepted.
    /// </summary>
    private static async Task<IResult> ReceiveSupplementAsync(
        string id,
        HttpRequest request,
        SimulatedCenterState state,
        CenterEndpointResolver endpoint,
        IOptions<CenterOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var body = await ReadVerifiedAsync(request, endpoint, options.Value, time, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return TypedResults.Unauthorized();
        }

        var supplement = JsonSerializer.Deserialize(body, CenterJson.Default.CenterSupplement);
        var key = request.Headers[CenterSignature.IdempotencyHeader].ToString();
        if (supplement is null || supplement.TicketId != id || key != supplement.SupplementId)
        {
            return TypedResults.BadRequest();
        }

        return state.Supplements.TryAdd(key, supplement) ? TypedResults.Ok() : TypedResults.Conflict();
    }

    /// <summary>A 催办: kept once per Idempotency-Key and answered with a note that the unit was urged.</summary>
    private static async Task<IResult> ReceiveReminderAsync(
        string id, HttpRequest request, SimulatedCenterState state, CenterEndpointResolver endpoint, JobHandOff jobs,
        IOptions<CenterOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await ReadVerifiedAsync(request, endpoint, options.Value, time, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return TypedResults.Unauthorized();
        }

        var reminder = JsonSerializer.Deserialize(body, CenterJson.Default.CenterReminder);
        var key = request.Headers[CenterSignature.IdempotencyHeader].ToString();
        if (reminder is null || reminder.TicketId != id || key != reminder.ReminderId)
        {
            return TypedResults.BadRequest();
        }

        if (!state.Reminders.TryAdd(key, reminder))
        {
            return TypedResults.Conflict();
        }

        SimulatedCenterJob.ScheduleStep(jobs, time, options.Value.SimulatorStepDelay, id, SimulatedCenterJob.UrgedStatus, highValue: false);
        return TypedResults.Ok();
    }

    /// <summary>A withdrawal: the ticket's next steps stop, and the answer is a withdrawn callback.</summary>
    private static async Task<IResult> ReceiveWithdrawalAsync(
        string id, HttpRequest request, SimulatedCenterState state, CenterEndpointResolver endpoint, JobHandOff jobs,
        IOptions<CenterOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await ReadVerifiedAsync(request, endpoint, options.Value, time, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return TypedResults.Unauthorized();
        }

        var withdrawal = JsonSerializer.Deserialize(body, CenterJson.Default.CenterWithdrawal);
        if (withdrawal is null || withdrawal.TicketId != id)
        {
            return TypedResults.BadRequest();
        }

        if (!state.Withdrawals.TryAdd(id, withdrawal))
        {
            return TypedResults.Conflict();
        }

        SimulatedCenterJob.ScheduleStep(jobs, time, options.Value.SimulatorStepDelay, id, "withdrawn", highValue: false);
        return TypedResults.Ok();
    }

    /// <summary>A 重办: once per ticket; the ticket is reopened and walked to resolved again.</summary>
    private static async Task<IResult> ReceiveReopenAsync(
        string id, HttpRequest request, SimulatedCenterState state, CenterEndpointResolver endpoint, JobHandOff jobs,
        IOptions<CenterOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await ReadVerifiedAsync(request, endpoint, options.Value, time, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return TypedResults.Unauthorized();
        }

        var reopen = JsonSerializer.Deserialize(body, CenterJson.Default.CenterReopen);
        if (reopen is null || reopen.TicketId != id)
        {
            return TypedResults.BadRequest();
        }

        if (!state.Reopens.TryAdd(id, reopen))
        {
            return TypedResults.Conflict();
        }

        SimulatedCenterJob.ScheduleStep(jobs, time, options.Value.SimulatorStepDelay, id, "reopened", highValue: false);
        return TypedResults.Ok();
    }

    /// <summary>A follower: counted once per Idempotency-Key, nothing else (no identity comes with it).</summary>
    private static async Task<IResult> ReceiveFollowerAsync(
        string id, HttpRequest request, SimulatedCenterState state, CenterEndpointResolver endpoint, IOptions<CenterOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await ReadVerifiedAsync(request, endpoint, options.Value, time, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return TypedResults.Unauthorized();
        }

        var follower = JsonSerializer.Deserialize(body, CenterJson.Default.CenterFollower);
        var key = request.Headers[CenterSignature.IdempotencyHeader].ToString();
        if (follower is null || follower.TicketId != id || key != follower.FollowerId)
        {
            return TypedResults.BadRequest();
        }

        return state.Followers.TryAdd(key, follower) ? TypedResults.Ok() : TypedResults.Conflict();
    }

    private static async Task<IResult> ReceiveHotspotAsync(
        HttpRequest request, SimulatedCenterState state, CenterEndpointResolver endpoint, IOptions<CenterOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await ReadVerifiedAsync(request, endpoint, options.Value, time, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return TypedResults.Unauthorized();
        }

        var hotspot = JsonSerializer.Deserialize(body, CenterJson.Default.CenterHotspot);
        var key = request.Headers[CenterSignature.IdempotencyHeader].ToString();
        if (hotspot is null || key != hotspot.Id)
        {
            return TypedResults.BadRequest();
        }

        return state.Hotspots.TryAdd(key, hotspot) ? TypedResults.Ok() : TypedResults.Conflict();
    }

    private static async Task<IResult> ReceiveDigestAsync(
        HttpRequest request, SimulatedCenterState state, CenterEndpointResolver endpoint, IOptions<CenterOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await ReadVerifiedAsync(request, endpoint, options.Value, time, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return TypedResults.Unauthorized();
        }

        var digest = JsonSerializer.Deserialize(body, CenterJson.Default.CenterDigest);
        if (digest is null)
        {
            return TypedResults.BadRequest();
        }

        return state.Digests.TryAdd(digest.Day, digest) ? TypedResults.Ok() : TypedResults.Conflict();
    }

    private static async Task<byte[]?> ReadVerifiedAsync(HttpRequest request, CenterEndpointResolver endpoint, CenterOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var body = buffer.ToArray();
        return CenterSignature.Verify(endpoint.Secret, request.Headers[CenterSignature.TimestampHeader], request.Headers[CenterSignature.SignatureHeader],
            body, time.GetUtcNow(), options.SignatureWindow)
            ? body
            : null;
    }
}

/// <summary>What the simulated center has received (in memory; lost at restart, like the rest of a demo).</summary>
internal sealed class SimulatedCenterState
{
    public ConcurrentDictionary<string, CenterTicket> Received { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, CenterFeedback> Feedback { get; } = new(StringComparer.Ordinal);

    /// <summary>By supplement id (the Idempotency-Key).</summary>
    public ConcurrentDictionary<string, CenterSupplement> Supplements { get; } = new(StringComparer.Ordinal);

    /// <summary>By hotspot id (the Idempotency-Key).</summary>
    public ConcurrentDictionary<string, CenterHotspot> Hotspots { get; } = new(StringComparer.Ordinal);

    /// <summary>By day.</summary>
    public ConcurrentDictionary<string, CenterDigest> Digests { get; } = new(StringComparer.Ordinal);

    /// <summary>By reminder id (the Idempotency-Key).</summary>
    public ConcurrentDictionary<string, CenterReminder> Reminders { get; } = new(StringComparer.Ordinal);

    /// <summary>By ticket id: a withdrawn ticket's remaining steps are not sent.</summary>
    public ConcurrentDictionary<string, CenterWithdrawal> Withdrawals { get; } = new(StringComparer.Ordinal);

    /// <summary>By ticket id.</summary>
    public ConcurrentDictionary<string, CenterReopen> Reopens { get; } = new(StringComparer.Ordinal);

    /// <summary>The last status of its walk sent for each ticket.</summary>
    public ConcurrentDictionary<string, string> LastStatus { get; } = new(StringComparer.Ordinal);

    /// <summary>By follower id (the Idempotency-Key).</summary>
    public ConcurrentDictionary<string, CenterFollower> Followers { get; } = new(StringComparer.Ordinal);
}
