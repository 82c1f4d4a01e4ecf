using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Store.Infrastructure.Data.Migrations
{
    /// <summary>
    /// A product's attribute values as "code=value" entries on the product row (products.facet_attributes), so search
    /// filters and counts attribute facets from the candidate rows it already reads instead of joining
    /// product_attributes and attribute_definitions for every match. Kept current by triggers on product_attributes
    /// (insert, update, delete — also a definition's delete, which cascades to its values) and on a change of an
    /// attribute's code. The products update touches neither the search vector nor the published flag, so the postings
    /// trigger does not fire. Written by hand: the column belongs to the database (search reads it in SQL), not to the
    /// EF model, so the model snapshot does not change.
    /// </summary>
    [DbContext(typeof(StoreDbContext))]
    [Migration("20261126033000_SearchAttributeFacets")]
    public partial class SearchAttributeFacets : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE products ADD COLUMN facet_attributes text[] NOT NULL DEFAULT '{}';

                CREATE FUNCTION refresh_product_attribute_facets(pid integer) RETURNS void LANGUAGE sql AS $$
                    UPDATE products p SET facet_attributes = x.entries
                    FROM (SELECT coalesce(array_agg(d.code || '=' || a.value ORDER BY d.code, a.value), '{}') AS entries
                          FROM product_attributes a JOIN attribute_definitions d ON d.id = a.attribute_id
                          WHERE a.product_id = pid) x
                    WHERE p.id = pid AND p.facet_attributes IS DISTINCT FROM x.entries;
                $$;

                CREATE FUNCTION product_attributes_refresh_facets() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM refresh_product_attribute_facets(OLD.product_id); END IF;
                    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.product_id <> OLD.product_id) THEN PERFORM refresh_product_attribute_facets(NEW.product_id); END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER trg_product_attributes_facets AFTER INSERT OR UPDATE OR DELETE ON product_attributes
                    FOR EACH ROW EXECUTE FUNCTION product_attributes_refresh_facets();

                -- The application never renames a code, but the entries spell it, so a rename in SQL must not leave them stale.
                CREATE FUNCTION attribute_definitions_refresh_facets() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM refresh_product_attribute_facets(a.product_id) FROM product_attributes a WHERE a.attribute_id = NEW.id;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER trg_attribute_definitions_facets AFTER UPDATE OF code ON attribute_definitions
                    FOR EACH ROW WHEN (OLD.code IS DISTINCT FROM NEW.code) EXECUTE FUNCTION attribute_definitions_refresh_facets();

                UPDATE products p SET facet_attributes = x.entries
                FROM (SELECT a.product_id, array_agg(d.code || '=' || a.value ORDER BY d.code, a.value) AS entries
                      FROM product_attributes a JOIN attribute_definitions d ON d.id = a.attribute_id
                      GROUP BY a.product_id) x
                WHERE p.id = x.product_id;
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS trg_attribute_definitions_facets ON attribute_definitions;
                DROP TRIGGER IF EXISTS trg_product_attributes_facets ON product_attributes;
                DROP FUNCTION IF EXISTS attribute_definitions_refresh_facets();
                DROP FUNCTION IF EXISTS product_attributes_refresh_facets();
                DROP FUNCTION IF EXISTS refresh_product_attribute_facets(integer);
                ALTER TABLE products DROP COLUMN facet_attributes;
                """);
        }
    }
}
