using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Store.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class StoreSettingsLocationsSuppliers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "contact_name",
                table: "suppliers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "lead_time_days",
                table: "suppliers",
                type: "integer",
                nullable: false,
                defaultValue: 7);

            migrationBuilder.AddColumn<string>(
                name: "phone",
                table: "suppliers",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "terms",
                table: "suppliers",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "cost_minor",
                table: "product_variants",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "pack_size",
                table: "product_variants",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "supplier_id",
                table: "product_variants",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "supplier_sku",
                table: "product_variants",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "retired_at",
                table: "locations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ship_from_city",
                table: "locations",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ship_from_country",
                table: "locations",
                type: "character varying(2)",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ship_from_line1",
                table: "locations",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ship_from_line2",
                table: "locations",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ship_from_postal_code",
                table: "locations",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ship_from_region",
                table: "locations",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "store_settings",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    value = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    updated_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_store_settings", x => x.key);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_suppliers_lead_time",
                table: "suppliers",
                sql: "lead_time_days BETWEEN 0 AND 365");

            migrationBuilder.CreateIndex(
                name: "ix_product_variants_supplier_id",
                table: "product_variants",
                column: "supplier_id");

            migrationBuilder.AddCheckConstraint(
                name: "ck_product_variants_sourcing",
                table: "product_variants",
                sql: "pack_size >= 1 AND (cost_minor IS NULL OR cost_minor >= 0)");

            migrationBuilder.AddForeignKey(
                name: "fk_product_variants_suppliers_supplier_id",
                table: "product_variants",
                column: "supplier_id",
                principalTable: "suppliers",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_product_variants_suppliers_supplier_id",
                table: "product_variants");

            migrationBuilder.DropTable(
                name: "store_settings");

            migrationBuilder.DropCheckConstraint(
                name: "ck_suppliers_lead_time",
                table: "suppliers");

            migrationBuilder.DropIndex(
                name: "ix_product_variants_supplier_id",
                table: "product_variants");

            migrationBuilder.DropCheckConstraint(
                name: "ck_product_variants_sourcing",
                table: "product_variants");

            migrationBuilder.DropColumn(
                name: "contact_name",
                table: "suppliers");

            migrationBuilder.DropColumn(
                name: "lead_time_days",
                table: "suppliers");

            migrationBuilder.DropColumn(
                name: "phone",
                table: "suppliers");

            migrationBuilder.DropColumn(
                name: "terms",
                table: "suppliers");

            migrationBuilder.DropColumn(
                name: "cost_minor",
                table: "product_variants");

            migrationBuilder.DropColumn(
                name: "pack_size",
                table: "product_variants");

            migrationBuilder.DropColumn(
                name: "supplier_id",
                table: "product_variants");

            migrationBuilder.DropColumn(
                name: "supplier_sku",
                table: "product_variants");

            migrationBuilder.DropColumn(
                name: "retired_at",
                table: "locations");

            migrationBuilder.DropColumn(
                name: "ship_from_city",
                table: "locations");

            migrationBuilder.DropColumn(
                name: "ship_from_country",
                table: "locations");

            migrationBuilder.DropColumn(
                name: "ship_from_line1",
                table: "locations");

            migrationBuilder.DropColumn(
                name: "ship_from_line2",
                table: "locations");

            migrationBuilder.DropColumn(
                name: "ship_from_postal_code",
                table: "locations");

            migrationBuilder.DropColumn(
                name: "ship_from_region",
                table: "locations");
        }
    }
}
