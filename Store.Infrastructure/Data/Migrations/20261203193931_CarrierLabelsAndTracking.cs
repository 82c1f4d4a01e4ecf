using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Store.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class CarrierLabelsAndTracking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "carrier_code",
                table: "shipments",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "polled_at",
                table: "shipments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "carrier_code",
                table: "shipment_events",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "shipping_method_id",
                table: "orders",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "carrier_labels",
                columns: table => new
                {
                    shipment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    carrier = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    service_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    tracking_number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    format = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    charged_minor = table.Column<long>(type: "bigint", nullable: true),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    bought_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    bought_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_carrier_labels", x => x.shipment_id);
                    table.ForeignKey(
                        name: "fk_carrier_labels_shipments_shipment_id",
                        column: x => x.shipment_id,
                        principalTable: "shipments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_shipments_carrier_code_polled_at",
                table: "shipments",
                columns: new[] { "carrier_code", "polled_at" },
                filter: "carrier_code IS NOT NULL AND status <> 'Delivered'");

            migrationBuilder.CreateIndex(
                name: "ix_shipment_events_shipment_id_at_carrier_code",
                table: "shipment_events",
                columns: new[] { "shipment_id", "at", "carrier_code" },
                unique: true,
                filter: "carrier_code IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "carrier_labels");

            migrationBuilder.DropIndex(
                name: "ix_shipments_carrier_code_polled_at",
                table: "shipments");

            migrationBuilder.DropIndex(
                name: "ix_shipment_events_shipment_id_at_carrier_code",
                table: "shipment_events");

            migrationBuilder.DropColumn(
                name: "carrier_code",
                table: "shipments");

            migrationBuilder.DropColumn(
                name: "polled_at",
                table: "shipments");

            migrationBuilder.DropColumn(
                name: "carrier_code",
                table: "shipment_events");

            migrationBuilder.DropColumn(
                name: "shipping_method_id",
                table: "orders");
        }
    }
}
