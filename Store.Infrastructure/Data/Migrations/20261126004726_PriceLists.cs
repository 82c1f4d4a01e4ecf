using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Store.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class PriceLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "floor_price_minor",
                table: "product_variants",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "price_explanation",
                table: "order_items",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "regular_price_minor",
                table: "order_items",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // Orders placed before price lists were sold at the regular price.
            migrationBuilder.Sql("UPDATE order_items SET regular_price_minor = unit_price_minor, price_explanation = 'Regular price';");

            migrationBuilder.AddColumn<string>(
                name: "customer_group",
                table: "AspNetUsers",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "customer_group_prices",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    variant_id = table.Column<int>(type: "integer", nullable: false),
                    group_name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    price_minor = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customer_group_prices", x => x.id);
                    table.CheckConstraint("ck_customer_group_prices_price", "price_minor >= 0");
                    table.ForeignKey(
                        name: "fk_customer_group_prices_product_variants_variant_id",
                        column: x => x.variant_id,
                        principalTable: "product_variants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "markdown_rules",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    percent_off = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    stock_above = table.Column<int>(type: "integer", nullable: false),
                    days_without_sale = table.Column<int>(type: "integer", nullable: false),
                    product_id = table.Column<int>(type: "integer", nullable: true),
                    category_id = table.Column<int>(type: "integer", nullable: true),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_markdown_rules", x => x.id);
                    table.CheckConstraint("ck_markdown_rules_percent", "percent_off > 0 AND percent_off < 100");
                    table.CheckConstraint("ck_markdown_rules_thresholds", "stock_above >= 0 AND days_without_sale >= 0");
                    table.ForeignKey(
                        name: "fk_markdown_rules_categories_category_id",
                        column: x => x.category_id,
                        principalTable: "categories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_markdown_rules_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "quantity_tiers",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    variant_id = table.Column<int>(type: "integer", nullable: false),
                    min_quantity = table.Column<int>(type: "integer", nullable: false),
                    price_minor = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_quantity_tiers", x => x.id);
                    table.CheckConstraint("ck_quantity_tiers_min", "min_quantity > 1");
                    table.CheckConstraint("ck_quantity_tiers_price", "price_minor >= 0");
                    table.ForeignKey(
                        name: "fk_quantity_tiers_product_variants_variant_id",
                        column: x => x.variant_id,
                        principalTable: "product_variants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sale_prices",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    product_id = table.Column<int>(type: "integer", nullable: true),
                    variant_id = table.Column<int>(type: "integer", nullable: true),
                    label = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    percent_off = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: true),
                    fixed_price_minor = table.Column<long>(type: "bigint", nullable: true),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sale_prices", x => x.id);
                    table.CheckConstraint("ck_sale_prices_adjustment", "(percent_off IS NULL) <> (fixed_price_minor IS NULL)");
                    table.CheckConstraint("ck_sale_prices_fixed", "fixed_price_minor IS NULL OR fixed_price_minor >= 0");
                    table.CheckConstraint("ck_sale_prices_percent", "percent_off IS NULL OR (percent_off > 0 AND percent_off < 100)");
                    table.CheckConstraint("ck_sale_prices_target", "(product_id IS NULL) <> (variant_id IS NULL)");
                    table.CheckConstraint("ck_sale_prices_window", "starts_at IS NULL OR ends_at IS NULL OR ends_at > starts_at");
                    table.ForeignKey(
                        name: "fk_sale_prices_product_variants_variant_id",
                        column: x => x.variant_id,
                        principalTable: "product_variants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_sale_prices_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "markdowns",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    rule_id = table.Column<int>(type: "integer", nullable: false),
                    variant_id = table.Column<int>(type: "integer", nullable: false),
                    rule_name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    percent_off = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    end_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_markdowns", x => x.id);
                    table.ForeignKey(
                        name: "fk_markdowns_markdown_rules_rule_id",
                        column: x => x.rule_id,
                        principalTable: "markdown_rules",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_markdowns_product_variants_variant_id",
                        column: x => x.variant_id,
                        principalTable: "product_variants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_customer_group_prices_variant_id_group_name",
                table: "customer_group_prices",
                columns: new[] { "variant_id", "group_name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_markdown_rules_category_id",
                table: "markdown_rules",
                column: "category_id");

            migrationBuilder.CreateIndex(
                name: "ix_markdown_rules_product_id",
                table: "markdown_rules",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_markdowns_rule_id_variant_id",
                table: "markdowns",
                columns: new[] { "rule_id", "variant_id" },
                unique: true,
                filter: "ended_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_markdowns_variant_id",
                table: "markdowns",
                column: "variant_id",
                filter: "ended_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_quantity_tiers_variant_id_min_quantity",
                table: "quantity_tiers",
                columns: new[] { "variant_id", "min_quantity" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sale_prices_product_id",
                table: "sale_prices",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_sale_prices_variant_id",
                table: "sale_prices",
                column: "variant_id");

            // The reduced "price from" for search filters and sort, kept by PriceFacts (like the other search facts,
            // a database column outside the EF model).
            migrationBuilder.Sql("ALTER TABLE products ADD COLUMN facet_sale_price_from bigint;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE products DROP COLUMN facet_sale_price_from;");

            migrationBuilder.DropTable(
                name: "customer_group_prices");

            migrationBuilder.DropTable(
                name: "markdowns");

            migrationBuilder.DropTable(
                name: "quantity_tiers");

            migrationBuilder.DropTable(
                name: "sale_prices");

            migrationBuilder.DropTable(
                name: "markdown_rules");

            migrationBuilder.DropColumn(
                name: "floor_price_minor",
                table: "product_variants");

            migrationBuilder.DropColumn(
                name: "price_explanation",
                table: "order_items");

            migrationBuilder.DropColumn(
                name: "regular_price_minor",
                table: "order_items");

            migrationBuilder.DropColumn(
                name: "customer_group",
                table: "AspNetUsers");
        }
    }
}
