using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Beacon.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WarningDeliveries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "warning_deliveries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WarningId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    Channels = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    QueuedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReadAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AcknowledgedVia = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    EscalateAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_warning_deliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_warning_deliveries_warnings_WarningId",
                        column: x => x.WarningId,
                        principalTable: "warnings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_warning_deliveries_AcknowledgedAt_EscalateAt",
                table: "warning_deliveries",
                columns: new[] { "AcknowledgedAt", "EscalateAt" });

            migrationBuilder.CreateIndex(
                name: "IX_warning_deliveries_UnitPath",
                table: "warning_deliveries",
                column: "UnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_warning_deliveries_WarningId_UserId",
                table: "warning_deliveries",
                columns: new[] { "WarningId", "UserId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "warning_deliveries");
        }
    }
}
