using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace CitizenBot.Bot.Tests.BotApi;

/// <summary>A test client of <c>POST /api/messages</c> with <c>deliveryMode: expectReplies</c>.</summary>
internal static class ExpectReplies
{
    /// <summary>Sends one activity (the caller sets id, conversation and from) and returns each reply as the resident
    /// sees it: its text, then the options offered with it, one per line.</summary>
    public static async Task<List<string>> SendAsync(HttpClient http, string apiKey, JsonObject activity)
    {
        activity["deliveryMode"] = "expectReplies";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return [.. body["activities"]!.AsArray().Select(a => string.Join(
            "\n",
            [(string)a!["text"]!, .. (a["suggestedActions"]?["actions"]?.AsArray() ?? []).Select(action => (string)action!["title"]!)]))];
    }
}
