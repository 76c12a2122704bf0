using CitizenBot.Bot.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddCitizenBot();

var app = builder.Build();
app.MapCitizenBot();
app.Run();

/// <summary>Entry point; partial so functional tests can host the same composition.</summary>
public partial class Program;
