using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CitizenBot.Load.Script;

namespace CitizenBot.Load.Targets;

/// <summary>
/// <c>POST /api/messages</c> with <c>deliveryMode: expectReplies</c>: the Bot Framework Connector shape that CitizenBot,
/// the botbuilder-js peer and the ceiling all accept, replies in the response body.
/// </summary>
internal sealed class BotApiCitizen(HttpClient http, Uri endpoint, string? key, string conversationId) : ICitizen
{
    private int _sequence;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<string> SendAsync(ReportStep step, CancellationToken cancellationToken)
    {
        var id = (++_sequence).ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new ByteArrayContent(Body(step, id)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        if (key is { Length: > 0 })
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new TurnFailedException($"http-{(int)response.StatusCode}", $"/api/messages answered {(int)response.StatusCode}");
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var json = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ReplyText.Join(json.RootElement.TryGetProperty("activities", out var activities) ? activities : default);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private byte[] Body(ReportStep step, string id)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "message");
            writer.WriteString("id", id);
            writer.WriteString("channelId", "api");
            writer.WriteString("serviceUrl", "http://127.0.0.1/load");
            writer.WriteString("locale", "zh-CN");
            writer.WriteString("deliveryMode", "expectReplies");
            writer.WriteStartObject("from");
            writer.WriteString("id", "u-" + conversationId);
            writer.WriteString("role", "user");
            writer.WriteEndObject();
            writer.WriteStartObject("recipient");
            writer.WriteString("id", "bot");
            writer.WriteEndObject();
            writer.WriteStartObject("conversation");
            writer.WriteString("id", conversationId);
            writer.WriteEndObject();
            ActivityBody.WriteContent(writer, step);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}

/// <summary>The message part of an outbound Activity, shared by the Connector and Direct Line citizens.</summary>
internal static class ActivityBody
{
    public static void WriteContent(Utf8JsonWriter writer, ReportStep step)
    {
        if (!step.IsLocation)
        {
            writer.WriteString("text", step.Text);
            return;
        }

        // What a browser's "share my location" sends: a schema.org GeoCoordinates entity in WGS-84.
        writer.WriteStartArray("entities");
        writer.WriteStartObject();
        writer.WriteString("type", "GeoCoordinates");
        var (latitude, longitude) = ReportScript.RandomPoint(gcj02: false);
        writer.WriteNumber("latitude", Math.Round(latitude, 6));
        writer.WriteNumber("longitude", Math.Round(longitude, 6));
        writer.WriteString("crs", "WGS-84");
        writer.WriteEndObject();
        writer.WriteEndArray();
    }
}

/// <summary>Reads the text of bot replies, whatever the system's reply shape adds around it.</summary>
internal static class ReplyText
{
    public static string Join(JsonElement activities)
    {
        if (activities.ValueKind != JsonValueKind.Array)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        foreach (var activity in activities.EnumerateArray())
        {
            if (activity.TryGetProperty("text", out var value) && value.ValueKind == JsonValueKind.String)
            {
                text.Append(value.GetString()).Append('\n');
            }
        }

        return text.ToString();
    }
}
