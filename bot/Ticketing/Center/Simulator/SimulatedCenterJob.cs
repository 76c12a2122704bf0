using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Hangfire;
using Microsoft.Extensions.Options;
using CitizenBot.Bot.Hosting;
using CitizenBot.Bot.Ticketing.Lifecycle;

namespace CitizenBot.Bot.Ticketing.Center.Simulator;

/// <summary>
/// Sends one signed status callback from the SIMULATED center to this bot's <c>/center/callbacks</c>, then schedules
/// the next status. One step after the other, like a real center, so a later status never reaches the bot before an
/// earlier one even when short step delays make the scheduled jobs fall due together.
/// </summary>
internal sealed class SimulatedCenterJob(
    HttpClient http,
    SelfAddress self,
    SimulatedCenterState state,
    CenterEndpointResolver endpoint,
    JobHandOff jobs,
    IOptions<CenterOptions> options,
    TimeProvider time)
{
    public const string FirstStatus = TicketStatuses.Accepted;

    /// <summary>The answer to a 催办: a progress note (sent as in_progress, not a step of the walk).</summary>
    public const string UrgedStatus = TicketStatuses.Urged;

    /// <summary>Schedules the next status off the caller's thread (<see cref="JobHandOff"/>); lost if the process stops first, like the rest of the simulator's memory.</summary>
    public static void ScheduleStep(JobHandOff jobs, TimeProvider time, TimeSpan delay, string ticketId, string status, bool highValue)
    {
        var atMilliseconds = (time.GetUtcNow() + delay).ToUnixTimeMilliseconds();
        jobs.Create(
            client => client.Schedule<SimulatedCenterJob>(job => job.SendCallbackAsync(ticketId, status, atMilliseconds, highValue, CancellationToken.None), delay),
            "nothing (the simulated center's walk of this ticket stops)");
    }

    /// <param name="atMilliseconds">Fixed when scheduled, so a retried job sends the very same callback (idempotent).</param>
    /// <param name="highValue">Whether the center marks the report as high value when it resolves it.</param>
    public async Task SendCallbackAsync(string ticketId, string status, long atMilliseconds, bool highValue, CancellationToken cancellationToken)
    {
        // A withdrawn ticket is not walked on (its withdrawn answer itself is sent).
        if (status != TicketStatuses.Withdrawn && state.Withdrawals.ContainsKey(ticketId))
        {
            return;
        }

        var urged = status == UrgedStatus;
        if (urged && state.LastStatus.TryGetValue(ticketId, out var last) && last is TicketStatuses.Resolved or TicketStatuses.Withdrawn)
        {
            // Answered meanwhile: a progress note now would read as if it had been reopened.
            return;
        }

        var callback = new CenterCallback(
            ticketId,
            urged ? TicketStatuses.InProgress : status,
            DateTimeOffset.FromUnixTimeMilliseconds(atMilliseconds),
            Note: status switch
            {
                TicketStatuses.Accepted => "（模拟）中心已受理，正在研判分派。",
                TicketStatuses.Dispatched => "（模拟）已派至属地网格处置。",
                TicketStatuses.Resolved => "（模拟）已现场核实并处置完毕。",
                UrgedStatus => "（模拟）已收到催办，已督促承办单位加快处理。",
                TicketStatuses.Reopened => "（模拟）已收到重办申请，重新交办承办单位。",
                TicketStatuses.Withdrawn => "（模拟）已按群众申请撤回工单。",
                _ => null,
            },
            Unit: status is TicketStatuses.Accepted or TicketStatuses.Withdrawn or TicketStatuses.Reopened ? null : "示例街道综合执法队（模拟）",
            HighValue: highValue && status == TicketStatuses.Resolved ? true : null);
        var body = JsonSerializer.SerializeToUtf8Bytes(callback, CenterJson.Default.CenterCallback);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(self.BaseUri, CenterCallbackEndpoint.Route.TrimStart('/')))
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(CenterSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(CenterSignature.SignatureHeader, CenterSignature.Compute(endpoint.Secret, timestamp, body));
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        if (!urged)
        {
            state.LastStatus[ticketId] = status;
        }

        var next = status switch
        {
            TicketStatuses.Accepted => TicketStatuses.Dispatched,
            TicketStatuses.Reopened => TicketStatuses.Dispatched,
            TicketStatuses.Dispatched => TicketStatuses.Resolved,
            _ => null,
        };
        if (next is not null)
        {
            ScheduleStep(jobs, time, options.Value.SimulatorStepDelay, ticketId, next, highValue);
        }
    }
}
