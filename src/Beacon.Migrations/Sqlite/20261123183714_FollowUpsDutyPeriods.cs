using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Beacon.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FollowUpsDutyPeriods : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ClosedAt",
                table: "reports",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FollowUpCount",
                table: "reports",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "circulations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    SentBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AcknowledgedBy = table.Column<Guid>(type: "TEXT", nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    WithinMinutes = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deadline_overrides", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "duty_alerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    ShiftId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RaisedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EscalateAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AcknowledgedBy = table.Column<Guid>(type: "TEXT", nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    APostUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BPostUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    HeadUserId = table.Column<Guid>(type: "TEXT", nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    ReporterId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FiledAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Progress = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    PeopleAffected = table.Column<int>(type: "INTEGER", nullable: true),
                    Deaths = table.Column<int>(type: "INTEGER", nullable: true),
                    Injuries = table.Column<int>(type: "INTEGER", nullable: true),
                    Missing = table.Column<int>(type: "INTEGER", nullable: true),
                    Cause = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    MeasuresTaken = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    NextSteps = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Level = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    IsFinal = table.Column<bool>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Timeliness = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    StartDay = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndDay = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DeclaredBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeclaredAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_protection_periods", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "report_obligations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PeriodId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    MetAt = table.Column<long>(type: "INTEGER", nullable: true),
                    MetByReportId = table.Column<Guid>(type: "TEXT", nullable: true),
                    MissedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CancelledAt = table.Column<long>(type: "INTEGER", nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PeriodId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReporterId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FiledAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Incidents = table.Column<int>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Timeliness = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true)
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
                    PeriodId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false)
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
