using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Beacon.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    HandlingUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    HandlingUnitPath = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Notice = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ResponsibleLeaderId = table.Column<Guid>(type: "uuid", nullable: false),
                    HandlerId = table.Column<Guid>(type: "uuid", nullable: true),
                    Deadline = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    OriginalDeadline = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AssignedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    AssignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Plan = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    PlanBy = table.Column<Guid>(type: "uuid", nullable: true),
                    PlanAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Stage = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ExplanationDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Explanation = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ExplainedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ExplainedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    InAccountability = table.Column<bool>(type: "boolean", nullable: false),
                    AccountabilitySince = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosingReport = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ClosureSubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosureSubmittedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ReturnReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ReturnedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ReturnedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    cards = table.Column<string>(type: "text", nullable: false),
                    closing_evidence = table.Column<string>(type: "text", nullable: false),
                    extensions = table.Column<string>(type: "text", nullable: false),
                    progress = table.Column<string>(type: "text", nullable: false)
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
