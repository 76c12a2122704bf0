using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CitizenBot.Bot.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the web host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CitizenBotDbContext>
{
    public CitizenBotDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CitizenBotDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
