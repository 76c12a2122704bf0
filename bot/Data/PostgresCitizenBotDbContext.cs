using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CitizenBot.Bot.Data;

/// <summary>
/// The same model on PostgreSQL when scaled out (<c>Storage:Postgres</c>). A type of its own only so EF keeps two
/// migration histories apart: <c>Migrations/</c> for SQLite, <c>PostgresMigrations/</c> for PostgreSQL.
/// </summary>
internal sealed class PostgresCitizenBotDbContext(DbContextOptions<PostgresCitizenBotDbContext> options) : CitizenBotDbContext(options);

/// <summary>Lets <c>dotnet ef migrations add … --context PostgresCitizenBotDbContext</c> build the model without a server.</summary>
internal sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgresCitizenBotDbContext>
{
    public PostgresCitizenBotDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCitizenBotDbContext>().UseNpgsql("Host=localhost;Database=citizenbot").Options);
}
