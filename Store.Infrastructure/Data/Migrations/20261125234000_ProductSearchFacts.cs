using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Store.Infrastructure.Data.Migrations
{
    /// <summary>
    /// What search filters and facets need per product (lowest price, sizes, colours, in stock), stored on the
    /// product and kept current by triggers on variants and inventory, so a search over 100,000 products does not
    /// aggregate variants and stock for every match. Written by hand: the columns belong to the database (search
    /// reads them in SQL), not to the EF model, so the model snapshot does not change.
    /// </summary>
    [DbContext(typeof(StoreDbContext))]
    [Migration("20261125234000_ProductSearchFacts")]
    public partial class ProductSearchFacts : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE products
                    ADD COLUMN facet_price_from bigint NOT NULL DEFAULT 0,
                    ADD COLUMN facet_sizes text[] NOT NULL DEFAULT '{}',
                    ADD COLUMN facet_colours text[] NOT NULL DEFAULT '{}',
                    ADD COLUMN facet_in_stock boolean NOT NULL DEFAULT false;

                CREATE FUNCTION refresh_product_facets(pid integer) RETURNS void LANGUAGE sql AS $$
                    UPDATE products p SET
                        facet_price_from = coalesce((SELECT min(v.price_minor) FROM product_variants v WHERE v.product_id = pid), 0),
                        facet_sizes = coalesce((SELECT array_agg(DISTINCT v.size::text) FROM product_variants v WHERE v.product_id = pid AND v.size IS NOT NULL), '{}'),
                        facet_colours = coalesce((SELECT array_agg(DISTINCT v.colour::text) FROM product_variants v WHERE v.product_id = pid AND v.colour IS NOT NULL), '{}'),
                        facet_in_stock = EXISTS (SELECT 1 FROM product_variants v JOIN inventory i ON i.variant_id = v.id WHERE v.product_id = pid AND i.on_hand - i.reserved > 0)
                    WHERE p.id = pid;
                $$;

                CREATE FUNCTION product_variants_refresh_facets() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM refresh_product_facets(OLD.product_id); END IF;
                    IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.product_id <> OLD.product_id) THEN PERFORM refresh_product_facets(NEW.product_id); END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER trg_product_variants_facets AFTER INSERT OR UPDATE OR DELETE ON product_variants
                    FOR EACH ROW EXECUTE FUNCTION product_variants_refresh_facets();

                -- Checkout changes inventory all the time; only a change of "any available?" touches the product row.
                CREATE FUNCTION inventory_refresh_in_stock() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE vid integer;
                BEGIN
                    IF TG_OP = 'UPDATE' AND ((OLD.on_hand - OLD.reserved > 0) = (NEW.on_hand - NEW.reserved > 0)) THEN RETURN NULL; END IF;
                    vid := CASE WHEN TG_OP = 'DELETE' THEN OLD.variant_id ELSE NEW.variant_id END;
                    UPDATE products p SET facet_in_stock = s.available
                    FROM (SELECT v.product_id,
                                 EXISTS (SELECT 1 FROM product_variants v2 JOIN inventory i ON i.variant_id = v2.id
                                         WHERE v2.product_id = v.product_id AND i.on_hand - i.reserved > 0) AS available
                          FROM product_variants v WHERE v.id = vid) s
                    WHERE p.id = s.product_id AND p.facet_in_stock IS DISTINCT FROM s.available;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER trg_inventory_in_stock AFTER INSERT OR UPDATE OF on_hand, reserved OR DELETE ON inventory
                    FOR EACH ROW EXECUTE FUNCTION inventory_refresh_in_stock();

                SELECT refresh_product_facets(id) FROM products;
                CREATE INDEX ix_products_facet_price_from ON products (facet_price_from, id);
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS trg_inventory_in_stock ON inventory;
                DROP TRIGGER IF EXISTS trg_product_variants_facets ON product_variants;
                DROP FUNCTION IF EXISTS inventory_refresh_in_stock();
                DROP FUNCTION IF EXISTS product_variants_refresh_facets();
                DROP FUNCTION IF EXISTS refresh_product_facets(integer);
                ALTER TABLE products DROP COLUMN facet_price_from, DROP COLUMN facet_sizes, DROP COLUMN facet_colours, DROP COLUMN facet_in_stock;
                """);
        }
    }
}
