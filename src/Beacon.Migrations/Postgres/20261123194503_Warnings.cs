using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Beacon.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Warnings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Authority",
                table: "AspNetUsers",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.CreateTable(
                name: "warnings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    EventTypeCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    IsPublic = table.Column<bool>(type: "boolean", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DraftedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    ApprovedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SourceIdentifier = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    versions = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_warnings", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_warnings_SourceIdentifier",
                table: "warnings",
                column: "SourceIdentifier");

            migrationBuilder.CreateIndex(
                name: "IX_warnings_State",
                table: "warnings",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_warnings_UnitPath",
                table: "warnings",
                column: "UnitPath");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "warnings");

            migrationBuilder.DropColumn(
                name: "Authority",
                table: "AspNetUsers");
        }
    }
}
