using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Hangfire;
using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.Center.Simulator;

/// <summary>
/// Sends one signed status callback from the SIMULATED center to this bot's <c>/center/callbacks</c>, then schedules
/// the next status. One step after the other, like a real center, so a later status never reaches the bot before an
/// earlier one even when short step delays make the scheduled jobs fall due together.
/// </summary>
internal sealed class SimulatedCenterJob(
    HttpClient http,
    SelfAddress self,
    CenterEndpointResolver endpoint,
    IBackgroundJobClient jobs,
    IOptions<CenterOptions> options,
    TimeProvider time)
{
    public const string FirstStatus = "accepted";

    public static void ScheduleStep(IBackgroundJobClient jobs, TimeProvider time, TimeSpan delay, string ticketId, string status, bool highValue)
    {
        var atMilliseconds = (time.GetUtcNow() + delay).ToUnixTimeMilliseconds();
        jobs.Schedule<SimulatedCenterJob>(job => job.SendCallbackAsync(ticketId, status, atMilliseconds, highValue, CancellationToken.None), delay);
    }

    /// <param name="atMilliseconds">Fixed when scheduled, so a retried job sends the very same callback (idempotent).</param>
    /// <param name="highValue">Whether the center marks the report as high value when it resolves it.</param>
    public async Task SendCallbackAsync(string ticketId, string status, long atMilliseconds, bool highValue, CancellationToken cancellationToken)
    {
        var callback = new CenterCallback(
            ticketId,
            status,
            DateTimeOffset.FromUnixTimeMilliseconds(atMilliseconds),
            Note: status switch
            {
                "accepted" => "（模拟）中心已受理，正在研判分派。",
                "dispatched" => "（模拟）已派至属地网格处置。",
                "resolved" => "（模拟）已现场核实并处置完毕。",
                _ => null,
            },
            Unit: status == "accepted" ? null : "示例街道综合执法队（模拟）",
            HighValue: highValue && status == "resolved" ? true : null);
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

        var next = status switch
        {
            "accepted" => "dispatched",
            "dispatched" => "resolved",
            _ => null,
        };
        if (next is not null)
        {
            ScheduleStep(jobs, time, options.Value.SimulatorStepDelay, ticketId, next, highValue);
        }
    }
}
