using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Store.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class CatalogManager : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "brand_id",
                table: "products",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "seo_description",
                table: "products",
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "seo_title",
                table: "products",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "barcode",
                table: "product_variants",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<List<string>>(
                name: "option_values",
                table: "product_variants",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<int>(
                name: "parent_id",
                table: "categories",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "seo_description",
                table: "categories",
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "seo_title",
                table: "categories",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "attribute_definitions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    type = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attribute_definitions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "brands",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_brands", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "product_options",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    product_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    values = table.Column<List<string>>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_product_options", x => x.id);
                    table.ForeignKey(
                        name: "fk_product_options_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "product_attributes",
                columns: table => new
                {
                    product_id = table.Column<int>(type: "integer", nullable: false),
                    attribute_id = table.Column<int>(type: "integer", nullable: false),
                    value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_product_attributes", x => new { x.product_id, x.attribute_id });
                    table.ForeignKey(
                        name: "fk_product_attributes_attribute_definitions_attribute_id",
                        column: x => x.attribute_id,
                        principalTable: "attribute_definitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_product_attributes_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_products_brand_id",
                table: "products",
                column: "brand_id");

            migrationBuilder.CreateIndex(
                name: "ix_categories_parent_id_sort_order",
                table: "categories",
                columns: new[] { "parent_id", "sort_order" });

            migrationBuilder.CreateIndex(
                name: "ix_attribute_definitions_code",
                table: "attribute_definitions",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_brands_name",
                table: "brands",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_brands_slug",
                table: "brands",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_product_attributes_attribute_id_value_product_id",
                table: "product_attributes",
                columns: new[] { "attribute_id", "value", "product_id" });

            migrationBuilder.CreateIndex(
                name: "ix_product_options_product_id_position",
                table: "product_options",
                columns: new[] { "product_id", "position" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_categories_categories_parent_id",
                table: "categories",
                column: "parent_id",
                principalTable: "categories",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_products_brands_brand_id",
                table: "products",
                column: "brand_id",
                principalTable: "brands",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            // Brands were free text on products. Each distinct name becomes a brand; products keep the name as a
            // copy (search's weighted vector, facets and "did you mean" read products.brand), which the database keeps
            // equal to the brand's name: set from brand_id on write, pushed to every product on a rename.
            migrationBuilder.Sql("""
                INSERT INTO brands (name, slug, description)
                SELECT name, CASE WHEN n = 1 THEN slug ELSE slug || '-' || n END, ''
                FROM (SELECT name, slug, row_number() OVER (PARTITION BY slug ORDER BY name) AS n
                      FROM (SELECT DISTINCT trim(brand) AS name,
                                   coalesce(nullif(trim(both '-' FROM regexp_replace(lower(trim(brand)), '[^a-z0-9]+', '-', 'g')), ''), 'brand') AS slug
                            FROM products WHERE trim(brand) <> '') d) x;
                UPDATE products p SET brand_id = b.id, brand = b.name FROM brands b WHERE b.name = trim(p.brand);

                CREATE FUNCTION products_set_brand_name() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.brand_id IS NOT NULL THEN
                        NEW.brand := (SELECT name FROM brands WHERE id = NEW.brand_id);
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER trg_products_brand_name BEFORE INSERT OR UPDATE OF brand_id, brand ON products
                    FOR EACH ROW EXECUTE FUNCTION products_set_brand_name();

                CREATE FUNCTION brands_push_name() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE products SET brand = NEW.name WHERE brand_id = NEW.id;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER trg_brands_push_name AFTER UPDATE OF name ON brands
                    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION brands_push_name();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS trg_brands_push_name ON brands;
                DROP TRIGGER IF EXISTS trg_products_brand_name ON products;
                DROP FUNCTION IF EXISTS brands_push_name();
                DROP FUNCTION IF EXISTS products_set_brand_name();
                """);

            migrationBuilder.DropForeignKey(
                name: "fk_categories_categories_parent_id",
                table: "categories");

            migrationBuilder.DropForeignKey(
                name: "fk_products_brands_brand_id",
                table: "products");

            migrationBuilder.DropTable(
                name: "brands");

            migrationBuilder.DropTable(
                name: "product_attributes");

            migrationBuilder.DropTable(
                name: "product_options");

            migrationBuilder.DropTable(
                name: "attribute_definitions");

            migrationBuilder.DropIndex(
                name: "ix_products_brand_id",
                table: "products");

            migrationBuilder.DropIndex(
                name: "ix_categories_parent_id_sort_order",
                table: "categories");

            migrationBuilder.DropColumn(
                name: "brand_id",
                table: "products");

            migrationBuilder.DropColumn(
                name: "seo_description",
                table: "products");

            migrationBuilder.DropColumn(
                name: "seo_title",
                table: "products");

            migrationBuilder.DropColumn(
                name: "barcode",
                table: "product_variants");

            migrationBuilder.DropColumn(
                name: "option_values",
                table: "product_variants");

            migrationBuilder.DropColumn(
                name: "parent_id",
                table: "categories");

            migrationBuilder.DropColumn(
                name: "seo_description",
                table: "categories");

            migrationBuilder.DropColumn(
                name: "seo_title",
                table: "categories");
        }
    }
}
