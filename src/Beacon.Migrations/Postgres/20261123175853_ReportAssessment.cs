using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Beacon.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReportAssessment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AssessedAt",
                table: "reports",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "AssessedBy",
                table: "reports",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AssessmentDueAt",
                table: "reports",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<string>(
                name: "AssessmentSummary",
                table: "reports",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AssessmentTimeliness",
                table: "reports",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Level",
                table: "reports",
                type: "character varying(4)",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "UpwardDueAt",
                table: "reports",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AssessedAt",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "AssessedBy",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "AssessmentDueAt",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "AssessmentSummary",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "AssessmentTimeliness",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "Level",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "UpwardDueAt",
                table: "reports");
        }
    }
}
