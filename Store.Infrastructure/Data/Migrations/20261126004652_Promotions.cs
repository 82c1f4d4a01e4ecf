using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Store.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class Promotions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "discount_minor",
                table: "order_items",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "discount_note",
                table: "order_items",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string[]>(
                name: "promotion_codes",
                table: "carts",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.CreateTable(
                name: "promotions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    percent_off = table.Column<decimal>(type: "numeric(7,4)", precision: 7, scale: 4, nullable: false),
                    amount_minor = table.Column<long>(type: "bigint", nullable: true),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    buy_quantity = table.Column<int>(type: "integer", nullable: false),
                    get_quantity = table.Column<int>(type: "integer", nullable: false),
                    minimum_subtotal_minor = table.Column<long>(type: "bigint", nullable: true),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    stacking = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    priority = table.Column<int>(type: "integer", nullable: false),
                    product_ids = table.Column<int[]>(type: "integer[]", nullable: false),
                    category_ids = table.Column<int[]>(type: "integer[]", nullable: false),
                    usage_limit = table.Column<int>(type: "integer", nullable: true),
                    per_customer_limit = table.Column<int>(type: "integer", nullable: true),
                    used = table.Column<int>(type: "integer", nullable: false),
                    is_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_promotions", x => x.id);
                    table.CheckConstraint("ck_promotions_benefit", "percent_off >= 0 AND percent_off <= 100 AND (amount_minor IS NULL OR amount_minor > 0) AND buy_quantity >= 0 AND get_quantity >= 0 AND (minimum_subtotal_minor IS NULL OR minimum_subtotal_minor >= 0)");
                    table.CheckConstraint("ck_promotions_limits", "(usage_limit IS NULL OR usage_limit >= 1) AND (per_customer_limit IS NULL OR per_customer_limit >= 1)");
                    table.CheckConstraint("ck_promotions_used", "used >= 0 AND (usage_limit IS NULL OR used <= usage_limit)");
                    table.CheckConstraint("ck_promotions_window", "starts_at IS NULL OR ends_at IS NULL OR ends_at > starts_at");
                });

            migrationBuilder.CreateTable(
                name: "promotion_redemptions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    promotion_id = table.Column<int>(type: "integer", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<string>(type: "text", nullable: true),
                    email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    label = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    amount_minor = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    redeemed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    released_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_promotion_redemptions", x => x.id);
                    table.CheckConstraint("ck_promotion_redemptions_amount", "amount_minor >= 0");
                    table.ForeignKey(
                        name: "fk_promotion_redemptions_asp_net_users_customer_id",
                        column: x => x.customer_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_promotion_redemptions_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_promotion_redemptions_promotions_promotion_id",
                        column: x => x.promotion_id,
                        principalTable: "promotions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_order_items_discount",
                table: "order_items",
                sql: "discount_minor >= 0 AND discount_minor <= unit_price_minor * quantity");

            migrationBuilder.CreateIndex(
                name: "ix_promotion_redemptions_customer_id",
                table: "promotion_redemptions",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_promotion_redemptions_order_id",
                table: "promotion_redemptions",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_promotion_redemptions_promotion_id_customer_id",
                table: "promotion_redemptions",
                columns: new[] { "promotion_id", "customer_id" },
                filter: "released_at IS NULL AND customer_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_promotion_redemptions_promotion_id_email",
                table: "promotion_redemptions",
                columns: new[] { "promotion_id", "email" },
                filter: "released_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_promotion_redemptions_promotion_id_order_id",
                table: "promotion_redemptions",
                columns: new[] { "promotion_id", "order_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_promotions_code",
                table: "promotions",
                column: "code",
                unique: true,
                filter: "code IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "promotion_redemptions");

            migrationBuilder.DropTable(
                name: "promotions");

            migrationBuilder.DropCheckConstraint(
                name: "ck_order_items_discount",
                table: "order_items");

            migrationBuilder.DropColumn(
                name: "discount_minor",
                table: "order_items");

            migrationBuilder.DropColumn(
                name: "discount_note",
                table: "order_items");

            migrationBuilder.DropColumn(
                name: "promotion_codes",
                table: "carts");
        }
    }
}
