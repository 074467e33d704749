using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Beacon.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.CreateTable(
                name: "warnings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    EventTypeCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IsPublic = table.Column<bool>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DraftedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApprovedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    IssuedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SourceIdentifier = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    versions = table.Column<string>(type: "TEXT", nullable: false)
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
