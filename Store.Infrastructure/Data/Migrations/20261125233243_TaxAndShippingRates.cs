using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Store.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class TaxAndShippingRates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "tax_class",
                table: "products",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "weight_grams",
                table: "product_variants",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "shipping_service",
                table: "orders",
                type: "character varying(160)",
                maxLength: 160,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "shipping_zones",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    areas = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_shipping_zones", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tax_zones",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    country = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: false),
                    region = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    postal_prefix = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    standard_rate = table.Column<decimal>(type: "numeric(7,4)", precision: 7, scale: 4, nullable: false),
                    reduced_rate = table.Column<decimal>(type: "numeric(7,4)", precision: 7, scale: 4, nullable: false),
                    zero_rate = table.Column<decimal>(type: "numeric(7,4)", precision: 7, scale: 4, nullable: false),
                    taxes_shipping = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tax_zones", x => x.id);
                    table.CheckConstraint("ck_tax_zones_rates", "standard_rate >= 0 AND reduced_rate >= 0 AND zero_rate >= 0");
                });

            migrationBuilder.CreateTable(
                name: "shipping_methods",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    carrier = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    service = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    zone_id = table.Column<string>(type: "character varying(50)", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    flat_price_minor = table.Column<long>(type: "bigint", nullable: false),
                    brackets = table.Column<string>(type: "jsonb", nullable: false),
                    free_over_minor = table.Column<long>(type: "bigint", nullable: true),
                    min_business_days = table.Column<int>(type: "integer", nullable: false),
                    max_business_days = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_shipping_methods", x => x.id);
                    table.CheckConstraint("ck_shipping_methods_days", "min_business_days >= 0 AND max_business_days >= min_business_days");
                    table.ForeignKey(
                        name: "fk_shipping_methods_shipping_zones_zone_id",
                        column: x => x.zone_id,
                        principalTable: "shipping_zones",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_shipping_methods_zone_id",
                table: "shipping_methods",
                column: "zone_id");

            migrationBuilder.CreateIndex(
                name: "ix_tax_zones_country_region_postal_prefix",
                table: "tax_zones",
                columns: new[] { "country", "region", "postal_prefix" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            // Stores created before weights existed: a packed weight by demo category (500 g elsewhere), so
            // weight-based rates quote something sensible; kitchenware moves to the reduced tax class.
            migrationBuilder.Sql("""
                UPDATE product_variants v
                SET weight_grams = CASE c.slug
                    WHEN 't-shirts' THEN 200 WHEN 'hoodies' THEN 650 WHEN 'jackets' THEN 900 WHEN 'footwear' THEN 1100
                    WHEN 'bags' THEN 800 WHEN 'camping' THEN 2400 WHEN 'kitchen' THEN 450 WHEN 'accessories' THEN 120
                    ELSE 500 END
                FROM products p JOIN categories c ON c.id = p.category_id
                WHERE p.id = v.product_id;
                UPDATE products p SET tax_class = 1 FROM categories c WHERE c.id = p.category_id AND c.slug = 'kitchen';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "shipping_methods");

            migrationBuilder.DropTable(
                name: "tax_zones");

            migrationBuilder.DropTable(
                name: "shipping_zones");

            migrationBuilder.DropColumn(
                name: "tax_class",
                table: "products");

            migrationBuilder.DropColumn(
                name: "weight_grams",
                table: "product_variants");

            migrationBuilder.DropColumn(
                name: "shipping_service",
                table: "orders");
        }
    }
}
