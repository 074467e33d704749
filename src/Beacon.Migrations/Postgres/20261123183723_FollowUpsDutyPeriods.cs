using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Beacon.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FollowUpsDutyPeriods : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ClosedAt",
                table: "reports",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FollowUpCount",
                table: "reports",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "circulations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    SentBy = table.Column<Guid>(type: "uuid", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AcknowledgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedBy = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_circulations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_circulations_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "deadline_overrides",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Level = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    WithinMinutes = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deadline_overrides", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "duty_alerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    ShiftId = table.Column<Guid>(type: "uuid", nullable: true),
                    Stage = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EscalateAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedBy = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_duty_alerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_duty_alerts_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "duty_shifts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    APostUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    BPostUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    HeadUserId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_duty_shifts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_duty_shifts_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "follow_up_reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    ReporterId = table.Column<Guid>(type: "uuid", nullable: false),
                    FiledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Progress = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    PeopleAffected = table.Column<int>(type: "integer", nullable: true),
                    Deaths = table.Column<int>(type: "integer", nullable: true),
                    Injuries = table.Column<int>(type: "integer", nullable: true),
                    Missing = table.Column<int>(type: "integer", nullable: true),
                    Cause = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    MeasuresTaken = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    NextSteps = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Level = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    IsFinal = table.Column<bool>(type: "boolean", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Timeliness = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_follow_up_reports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_follow_up_reports_reports_EventId",
                        column: x => x.EventId,
                        principalTable: "reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "protection_periods",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    StartDay = table.Column<DateOnly>(type: "date", nullable: false),
                    EndDay = table.Column<DateOnly>(type: "date", nullable: false),
                    DeclaredBy = table.Column<Guid>(type: "uuid", nullable: false),
                    DeclaredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_protection_periods", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "report_obligations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: true),
                    PeriodId = table.Column<Guid>(type: "uuid", nullable: true),
                    Day = table.Column<DateOnly>(type: "date", nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    MetAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    MetByReportId = table.Column<Guid>(type: "uuid", nullable: true),
                    MissedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CancelledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_obligations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_report_obligations_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "daily_reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PeriodId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    ReporterId = table.Column<Guid>(type: "uuid", nullable: false),
                    FiledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Incidents = table.Column<int>(type: "integer", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Timeliness = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_daily_reports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_daily_reports_protection_periods_PeriodId",
                        column: x => x.PeriodId,
                        principalTable: "protection_periods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "protection_period_units",
                columns: table => new
                {
                    PeriodId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_protection_period_units", x => new { x.PeriodId, x.UnitId });
                    table.ForeignKey(
                        name: "FK_protection_period_units_protection_periods_PeriodId",
                        column: x => x.PeriodId,
                        principalTable: "protection_periods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_circulations_ReportId",
                table: "circulations",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_circulations_UnitPath",
                table: "circulations",
                column: "UnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_daily_reports_PeriodId_UnitId_Day",
                table: "daily_reports",
                columns: new[] { "PeriodId", "UnitId", "Day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_daily_reports_UnitPath",
                table: "daily_reports",
                column: "UnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_deadline_overrides_UnitPath",
                table: "deadline_overrides",
                column: "UnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_duty_alerts_AcknowledgedAt_EscalateAt",
                table: "duty_alerts",
                columns: new[] { "AcknowledgedAt", "EscalateAt" });

            migrationBuilder.CreateIndex(
                name: "IX_duty_alerts_ReportId",
                table: "duty_alerts",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_duty_alerts_UnitPath",
                table: "duty_alerts",
                column: "UnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_duty_shifts_UnitId_StartsAt",
                table: "duty_shifts",
                columns: new[] { "UnitId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_duty_shifts_UnitPath",
                table: "duty_shifts",
                column: "UnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_follow_up_reports_EventId_Sequence",
                table: "follow_up_reports",
                columns: new[] { "EventId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_follow_up_reports_UnitPath",
                table: "follow_up_reports",
                column: "UnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_protection_period_units_UnitPath",
                table: "protection_period_units",
                column: "UnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_protection_periods_UnitPath",
                table: "protection_periods",
                column: "UnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_report_obligations_EventId",
                table: "report_obligations",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_report_obligations_MissedAt_MetAt_CancelledAt_DueAt",
                table: "report_obligations",
                columns: new[] { "MissedAt", "MetAt", "CancelledAt", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_report_obligations_PeriodId_Day_UnitId",
                table: "report_obligations",
                columns: new[] { "PeriodId", "Day", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_report_obligations_UnitId",
                table: "report_obligations",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_report_obligations_UnitPath",
                table: "report_obligations",
                column: "UnitPath");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "circulations");

            migrationBuilder.DropTable(
                name: "daily_reports");

            migrationBuilder.DropTable(
                name: "deadline_overrides");

            migrationBuilder.DropTable(
                name: "duty_alerts");

            migrationBuilder.DropTable(
                name: "duty_shifts");

            migrationBuilder.DropTable(
                name: "follow_up_reports");

            migrationBuilder.DropTable(
                name: "protection_period_units");

            migrationBuilder.DropTable(
                name: "report_obligations");

            migrationBuilder.DropTable(
                name: "protection_periods");

            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "FollowUpCount",
                table: "reports");
        }
    }
}
