using CitizenBot.Bot;

var builder = WebApplication.CreateBuilder(args);
builder.AddCitizenBot();

var app = builder.Build();
if (await CitizenBotCommands.TryRunAsync(app, args))
{
    return;
}

app.MapCitizenBot();
await app.RunAsync();

/// <summary>Entry point; partial so functional tests can host the same composition.</summary>
public partial class Program;
