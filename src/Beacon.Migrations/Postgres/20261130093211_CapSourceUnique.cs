using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Beacon.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CapSourceUnique : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_warnings_SourceIdentifier",
                table: "warnings");

            migrationBuilder.CreateIndex(
                name: "IX_warnings_SourceIdentifier",
                table: "warnings",
                column: "SourceIdentifier",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_warnings_SourceIdentifier",
                table: "warnings");

            migrationBuilder.CreateIndex(
                name: "IX_warnings_SourceIdentifier",
                table: "warnings",
                column: "SourceIdentifier");
        }
    }
}
