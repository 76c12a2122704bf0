using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CitizenBot.Bot.Data.PostgresMigrations;

/// <summary>
/// The per-day rollup now holds heat rows and a histogram of 办结 durations per day instead of one row per duration:
/// the rows kept so far are forgotten and counted again in the new form (no schema change).
/// </summary>
[DbContext(typeof(PostgresCitizenBotDbContext))]
[Migration("20261205014505_InsightRollupHeatAndDurationHistograms")]
public partial class InsightRollupHeatAndDurationHistograms : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DELETE FROM insight_days;");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DELETE FROM insight_days;");
    }
}
