using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Beacon.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReportAssessment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AssessedAt",
                table: "reports",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "AssessedBy",
                table: "reports",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "AssessmentDueAt",
                table: "reports",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "AssessmentSummary",
                table: "reports",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AssessmentTimeliness",
                table: "reports",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Level",
                table: "reports",
                type: "TEXT",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "UpwardDueAt",
                table: "reports",
                type: "INTEGER",
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
