using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Beacon.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Hazards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "hazards",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Domain = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Likelihood = table.Column<int>(type: "INTEGER", nullable: false),
                    Impact = table.Column<int>(type: "INTEGER", nullable: false),
                    RiskLevel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RiskLevelName = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AssessedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssessedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FoundAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReportedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SourceResponseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SourceFindingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ResponsibleUnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ResponsibleUnitPath = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    ResponsiblePerson = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Measures = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Deadline = table.Column<long>(type: "INTEGER", nullable: true),
                    OriginalDeadline = table.Column<long>(type: "INTEGER", nullable: true),
                    ExtensionCount = table.Column<int>(type: "INTEGER", nullable: false),
                    AssignedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    AssignedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosureNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ClosureSubmittedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClosureSubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReturnReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ReturnedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReturnedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RepeatCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ReopenReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ReopenedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReopenedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    evidence_file_ids = table.Column<string>(type: "TEXT", nullable: false),
                    extensions = table.Column<string>(type: "TEXT", nullable: false),
                    progress = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hazards", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "risk_matrix",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Size = table.Column<int>(type: "INTEGER", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    bands = table.Column<string>(type: "TEXT", nullable: false),
                    impact_labels = table.Column<string>(type: "TEXT", nullable: false),
                    likelihood_labels = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_risk_matrix", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "screening_plans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecurrenceOf = table.Column<Guid>(type: "TEXT", nullable: true),
                    Recurring = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    domains = table.Column<string>(type: "TEXT", nullable: false),
                    owner_ids = table.Column<string>(type: "TEXT", nullable: false),
                    scope_unit_ids = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_screening_plans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "screening_results",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    FiledBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    FiledAt = table.Column<long>(type: "INTEGER", nullable: false),
                    HazardsFound = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Late = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_screening_results", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "screening_scope",
                columns: table => new
                {
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_screening_scope", x => new { x.PlanId, x.UnitId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_hazards_Code",
                table: "hazards",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_hazards_Domain",
                table: "hazards",
                column: "Domain");

            migrationBuilder.CreateIndex(
                name: "IX_hazards_FoundAt",
                table: "hazards",
                column: "FoundAt");

            migrationBuilder.CreateIndex(
                name: "IX_hazards_PlanId",
                table: "hazards",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_hazards_ResponsibleUnitPath",
                table: "hazards",
                column: "ResponsibleUnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_hazards_RiskLevel",
                table: "hazards",
                column: "RiskLevel");

            migrationBuilder.CreateIndex(
                name: "IX_hazards_State_Deadline",
                table: "hazards",
                columns: new[] { "State", "Deadline" });

            migrationBuilder.CreateIndex(
                name: "IX_hazards_UnitPath_FoundAt",
                table: "hazards",
                columns: new[] { "UnitPath", "FoundAt" });

            migrationBuilder.CreateIndex(
                name: "IX_screening_plans_RecurrenceOf",
                table: "screening_plans",
                column: "RecurrenceOf",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_screening_plans_Recurring_EndsOn",
                table: "screening_plans",
                columns: new[] { "Recurring", "EndsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_screening_plans_UnitPath",
                table: "screening_plans",
                column: "UnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_screening_results_PlanId_UnitId",
                table: "screening_results",
                columns: new[] { "PlanId", "UnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_screening_results_UnitPath",
                table: "screening_results",
                column: "UnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_screening_scope_UnitId",
                table: "screening_scope",
                column: "UnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "hazards");

            migrationBuilder.DropTable(
                name: "risk_matrix");

            migrationBuilder.DropTable(
                name: "screening_plans");

            migrationBuilder.DropTable(
                name: "screening_results");

            migrationBuilder.DropTable(
                name: "screening_scope");
        }
    }
}
