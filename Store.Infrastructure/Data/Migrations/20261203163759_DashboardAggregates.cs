using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Store.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class DashboardAggregates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "integrity_checks",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    checked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    issues = table.Column<int>(type: "integer", nullable: false),
                    summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_integrity_checks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sales_daily_totals",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    orders = table.Column<int>(type: "integer", nullable: false),
                    units = table.Column<int>(type: "integer", nullable: false),
                    gross_minor = table.Column<long>(type: "bigint", nullable: false),
                    refunds = table.Column<int>(type: "integer", nullable: false),
                    refunded_minor = table.Column<long>(type: "bigint", nullable: false),
                    carts = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sales_daily_totals", x => x.day);
                });

            migrationBuilder.CreateIndex(
                name: "ix_integrity_checks_checked_at",
                table: "integrity_checks",
                column: "checked_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "integrity_checks");

            migrationBuilder.DropTable(
                name: "sales_daily_totals");
        }
    }
}
