using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CitizenBot.Bot.Data.Migrations
{
    /// <inheritdoc />
    public partial class InsightHotspotsAndDateIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "hotspots",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CategoryCode = table.Column<string>(type: "TEXT", nullable: false),
                    CategoryName = table.Column<string>(type: "TEXT", nullable: false),
                    Latitude = table.Column<double>(type: "REAL", nullable: false),
                    Longitude = table.Column<double>(type: "REAL", nullable: false),
                    GridId = table.Column<string>(type: "TEXT", nullable: true),
                    GridName = table.Column<string>(type: "TEXT", nullable: true),
                    FormedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastReportAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TicketCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hotspots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "hotspot_tickets",
                columns: table => new
                {
                    HotspotId = table.Column<string>(type: "TEXT", nullable: false),
                    TicketId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hotspot_tickets", x => new { x.HotspotId, x.TicketId });
                    table.ForeignKey(
                        name: "FK_hotspot_tickets_hotspots_HotspotId",
                        column: x => x.HotspotId,
                        principalTable: "hotspots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_tickets_CreatedAt",
                table: "tickets",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_tickets_Status_CreatedAt",
                table: "tickets",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_hotspot_tickets_TicketId",
                table: "hotspot_tickets",
                column: "TicketId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_hotspots_CategoryCode_LastReportAt",
                table: "hotspots",
                columns: new[] { "CategoryCode", "LastReportAt" });

            migrationBuilder.CreateIndex(
                name: "IX_hotspots_FormedAt",
                table: "hotspots",
                column: "FormedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "hotspot_tickets");

            migrationBuilder.DropTable(
                name: "hotspots");

            migrationBuilder.DropIndex(
                name: "IX_tickets_CreatedAt",
                table: "tickets");

            migrationBuilder.DropIndex(
                name: "IX_tickets_Status_CreatedAt",
                table: "tickets");
        }
    }
}
