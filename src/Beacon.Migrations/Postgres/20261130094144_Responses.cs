using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Beacon.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Responses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "response_missed_updates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ResponseId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_response_missed_updates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "response_participants",
                columns: table => new
                {
                    ResponseId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_response_participants", x => new { x.ResponseId, x.UnitId });
                });

            migrationBuilder.CreateTable(
                name: "response_plans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    EventTypeCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    groups = table.Column<string>(type: "text", nullable: false),
                    measures = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_response_plans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "response_reports",
                columns: table => new
                {
                    ResponseId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    FiledBy = table.Column<Guid>(type: "uuid", nullable: false),
                    FiledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_response_reports", x => x.ResponseId);
                });

            migrationBuilder.CreateTable(
                name: "response_tasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ResponseId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    GroupCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    AssigneeUnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    AssigneeUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FromMeasure = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AcceptedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    AcceptedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastProgress = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    LastProgressBy = table.Column<Guid>(type: "uuid", nullable: true),
                    LastProgressAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DoneBy = table.Column<Guid>(type: "uuid", nullable: true),
                    DoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CompletionNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CancelledBy = table.Column<Guid>(type: "uuid", nullable: true),
                    CancelledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CancelReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_response_tasks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "response_updates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ResponseId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    By = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_response_updates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "responses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    EventTypeCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Place = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Scope = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CommanderId = table.Column<Guid>(type: "uuid", nullable: false),
                    ActivatedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    ActivatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SourceReportId = table.Column<Guid>(type: "uuid", nullable: true),
                    SourceWarningId = table.Column<Guid>(type: "uuid", nullable: true),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    UpdateDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    TerminationCondition = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    TerminationRequestedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    TerminationRequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    TerminationRejectedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    TerminationRejectedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    TerminationRejectionReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    TerminatedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    TerminatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReportDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReportFiledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReportFiledBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReviewedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ResourcesUsed = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ReportOverdueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    findings = table.Column<string>(type: "text", nullable: false),
                    groups = table.Column<string>(type: "text", nullable: false),
                    level_changes = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_responses", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_response_missed_updates_ResponseId_DueAt",
                table: "response_missed_updates",
                columns: new[] { "ResponseId", "DueAt" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_response_missed_updates_UnitPath",
                table: "response_missed_updates",
                column: "UnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_response_participants_UnitId",
                table: "response_participants",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_response_plans_UnitId_EventTypeCode",
                table: "response_plans",
                columns: new[] { "UnitId", "EventTypeCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_response_plans_UnitPath",
                table: "response_plans",
                column: "UnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_response_tasks_AssigneeUnitId",
                table: "response_tasks",
                column: "AssigneeUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_response_tasks_ResponseId_GroupCode",
                table: "response_tasks",
                columns: new[] { "ResponseId", "GroupCode" });

            migrationBuilder.CreateIndex(
                name: "IX_response_tasks_UnitPath",
                table: "response_tasks",
                column: "UnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_response_updates_ResponseId_At",
                table: "response_updates",
                columns: new[] { "ResponseId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_response_updates_UnitPath",
                table: "response_updates",
                column: "UnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_responses_ReportDueAt",
                table: "responses",
                column: "ReportDueAt");

            migrationBuilder.CreateIndex(
                name: "IX_responses_State",
                table: "responses",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_responses_UnitPath",
                table: "responses",
                column: "UnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_responses_UpdateDueAt",
                table: "responses",
                column: "UpdateDueAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "response_missed_updates");

            migrationBuilder.DropTable(
                name: "response_participants");

            migrationBuilder.DropTable(
                name: "response_plans");

            migrationBuilder.DropTable(
                name: "response_reports");

            migrationBuilder.DropTable(
                name: "response_tasks");

            migrationBuilder.DropTable(
                name: "response_updates");

            migrationBuilder.DropTable(
                name: "responses");
        }
    }
}
