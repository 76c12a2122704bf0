using System.Text.Json;
using CitizenBot.Channels.Activities;

// The ceiling of tests/Load/run-perf.sh: what one ASP.NET Core process on this machine does when a turn costs nothing.
// It reads the Activity, answers a fixed reply in an expectReplies body, and keeps no state: no dialogs, no store.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();

app.MapPost("/api/messages", async (HttpRequest request, CancellationToken cancellationToken) =>
{
    var activity = await JsonSerializer.DeserializeAsync(request.Body, ActivityJson.Context.Activity, cancellationToken);
    if (activity is not { Conversation.Id.Length: > 0 })
    {
        return Results.BadRequest();
    }

    var reply = Activity.CreateMessage("收到。");
    reply.Id = Guid.NewGuid().ToString("N");
    reply.ChannelId = activity.ChannelId;
    reply.Conversation = activity.Conversation;
    reply.From = activity.Recipient;
    reply.Recipient = activity.From;
    reply.ReplyToId = activity.Id;
    reply.Locale = "zh-CN";
    return Results.Json(new ExpectedReplies { Activities = [reply] }, ActivityJson.Context.ExpectedReplies);
});

await app.RunAsync();
