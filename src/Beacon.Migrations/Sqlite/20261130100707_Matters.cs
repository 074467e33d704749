using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Beacon.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Matters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "matters",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    HandlingUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HandlingUnitPath = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Notice = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ResponsibleLeaderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HandlerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Deadline = table.Column<long>(type: "INTEGER", nullable: false),
                    OriginalDeadline = table.Column<long>(type: "INTEGER", nullable: false),
                    AssignedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssignedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Plan = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    PlanBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    PlanAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ExplanationDueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Explanation = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ExplainedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ExplainedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    InAccountability = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccountabilitySince = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosingReport = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ClosureSubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosureSubmittedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReturnReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ReturnedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReturnedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    cards = table.Column<string>(type: "TEXT", nullable: false),
                    closing_evidence = table.Column<string>(type: "TEXT", nullable: false),
                    extensions = table.Column<string>(type: "TEXT", nullable: false),
                    progress = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_matters", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_matters_Code",
                table: "matters",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_matters_HandlingUnitPath",
                table: "matters",
                column: "HandlingUnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_matters_InAccountability",
                table: "matters",
                column: "InAccountability");

            migrationBuilder.CreateIndex(
                name: "IX_matters_State_Deadline",
                table: "matters",
                columns: new[] { "State", "Deadline" });

            migrationBuilder.CreateIndex(
                name: "IX_matters_UnitPath",
                table: "matters",
                column: "UnitPath");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "matters");
        }
    }
}
