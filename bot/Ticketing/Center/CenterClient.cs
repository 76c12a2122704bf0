using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CitizenBot.Bot.Ticketing.Center;

internal enum PushOutcome
{
    Accepted,
    Retry,
    Rejected,
}

internal sealed record PushResult(PushOutcome Outcome, string? CenterId = null, string? Reason = null);

/// <summary>Signed, idempotent POSTs to the center. Maps answers to accepted / retry / rejected (center-api.yaml).</summary>
internal sealed class CenterClient(HttpClient http, CenterEndpointResolver endpoint, TimeProvider time)
{
    public async Task<PushResult> PostAsync<T>(string relativePath, string idempotencyKey, T body, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, typeInfo);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint.BaseUri, relativePath))
        {
            Content = new ByteArrayContent(bytes),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(CenterSignature.IdempotencyHeader, idempotencyKey);
        request.Headers.Add(CenterSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(CenterSignature.SignatureHeader, CenterSignature.Compute(endpoint.Secret, timestamp, bytes));

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            return new PushResult(PushOutcome.Retry, Reason: $"unreachable: {e.HttpRequestError}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new PushResult(PushOutcome.Retry, Reason: "timeout");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Conflict)
            {
                return new PushResult(PushOutcome.Accepted, await ReadCenterIdAsync(response, cancellationToken).ConfigureAwait(false));
            }

            if (status >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests || response.StatusCode == HttpStatusCode.RequestTimeout)
            {
                return new PushResult(PushOutcome.Retry, Reason: $"HTTP {status}");
            }

            var detail = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return new PushResult(PushOutcome.Rejected, Reason: $"HTTP {status}: {(detail.Length > 300 ? detail[..300] : detail)}");
        }
    }

    private static async Task<string?> ReadCenterIdAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize(text, CenterJson.Default.CenterAcceptance)?.CenterId;
        }
        catch (JsonException)
        {
            // An acceptance without a readable body is still an acceptance.
            return null;
        }
    }
}
