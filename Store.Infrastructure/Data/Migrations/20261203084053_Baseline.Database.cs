using Microsoft.EntityFrameworkCore.Migrations;

namespace Store.Infrastructure.Data.Migrations;

/// <summary>
/// The database objects outside the EF model, carried over verbatim from the hand-written pre-release migrations
/// (statements that only rewrote existing rows were left out: the baseline starts from an empty database).
/// Search and recommendations read and write them in SQL; triggers keep them current.
/// </summary>
public partial class Baseline
{
    private static void CreateDatabaseObjects(MigrationBuilder migrationBuilder)
    {
        CreateQuartzTables(migrationBuilder);
        CreateColumnDefaults(migrationBuilder);
        CreateSearchTexts(migrationBuilder);
        CreateSearchFacts(migrationBuilder);
        CreateBrandNames(migrationBuilder);
        CreateSalesSignals(migrationBuilder);
        CreateSearchPostings(migrationBuilder);
        CreateAttributeFacets(migrationBuilder);
    }



    /// <summary>Defaults the old chain gave NOT NULL columns it added to tables that already had rows. The application
    /// always writes these columns, but SQL that inserts rows by hand (bench/search.sh) leaves them to the defaults.</summary>
    private static void CreateColumnDefaults(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""
            ALTER TABLE cart_items ALTER COLUMN price_seen_minor SET DEFAULT 0;
            ALTER TABLE carts ALTER COLUMN promotion_codes SET DEFAULT ARRAY[]::text[];
            ALTER TABLE categories ALTER COLUMN seo_description SET DEFAULT ''::character varying;
            ALTER TABLE categories ALTER COLUMN seo_title SET DEFAULT ''::character varying;
            ALTER TABLE inventory ALTER COLUMN reorder_point SET DEFAULT 0;
            ALTER TABLE inventory ALTER COLUMN reorder_quantity SET DEFAULT 0;
            ALTER TABLE order_items ALTER COLUMN backordered_quantity SET DEFAULT 0;
            ALTER TABLE order_items ALTER COLUMN discount_minor SET DEFAULT 0;
            ALTER TABLE order_items ALTER COLUMN price_explanation SET DEFAULT ''::character varying;
            ALTER TABLE order_items ALTER COLUMN regular_price_minor SET DEFAULT 0;
            ALTER TABLE orders ALTER COLUMN refunded_minor SET DEFAULT 0;
            ALTER TABLE product_variants ALTER COLUMN barcode SET DEFAULT ''::character varying;
            ALTER TABLE product_variants ALTER COLUMN option_values SET DEFAULT '{}'::text[];
            ALTER TABLE product_variants ALTER COLUMN weight_grams SET DEFAULT 0;
            ALTER TABLE products ALTER COLUMN allow_backorders SET DEFAULT false;
            ALTER TABLE products ALTER COLUMN seo_description SET DEFAULT ''::character varying;
            ALTER TABLE products ALTER COLUMN seo_title SET DEFAULT ''::character varying;
            ALTER TABLE products ALTER COLUMN tax_class SET DEFAULT 0;
            ALTER TABLE stock_reservations ALTER COLUMN expires_at SET DEFAULT '-infinity'::timestamp with time zone;
            """);

    /// <summary>Drops what CreateDatabaseObjects made, before the model's tables go (their triggers go with them).</summary>
    private static void DropDatabaseObjects(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""
            DROP TABLE IF EXISTS qrtz_job_status, qrtz_misfire_history, qrtz_execution_history, qrtz_locks,
                qrtz_scheduler_state, qrtz_fired_triggers, qrtz_paused_job_grps, qrtz_paused_trigger_grps, qrtz_calendars,
                qrtz_blob_triggers, qrtz_simprop_triggers, qrtz_cron_triggers, qrtz_simple_triggers, qrtz_triggers,
                qrtz_job_details, search_postings, bought_together, search_words;
            DROP FUNCTION IF EXISTS products_set_category_name(), categories_push_name(), products_collect_words(),
                refresh_product_facets(integer), product_variants_refresh_facets(), inventory_refresh_in_stock(),
                products_set_brand_name(), brands_push_name(), search_lexeme_query(text), products_post_lexemes(),
                refresh_product_attribute_facets(integer), product_attributes_refresh_facets(),
                attribute_definitions_refresh_facets() CASCADE;
            """);

    /// <summary>The search vector is a stored generated column, so PostgreSQL keeps it current on every write. A generated
    /// column may not read another table, so the category's name is denormalised into products.category_name: set by a
    /// BEFORE trigger on products, and pushed to every product of a category when the category is renamed. Generated
    /// columns are computed after BEFORE triggers run. search_words holds the words "did you mean" can offer: those of
    /// names, brands and categories (descriptions are too noisy).</summary>
    private static void CreateSearchTexts(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""
            CREATE EXTENSION IF NOT EXISTS pg_trgm;

            ALTER TABLE products ADD COLUMN category_name text NOT NULL DEFAULT '';
            CREATE FUNCTION products_set_category_name() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.category_name := coalesce((SELECT name FROM categories WHERE id = NEW.category_id), '');
                RETURN NEW;
            END $$;
            CREATE TRIGGER trg_products_category_name BEFORE INSERT OR UPDATE OF category_id ON products
                FOR EACH ROW EXECUTE FUNCTION products_set_category_name();

            CREATE FUNCTION categories_push_name() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE products SET category_name = NEW.name WHERE category_id = NEW.id;
                RETURN NULL;
            END $$;
            CREATE TRIGGER trg_categories_push_name AFTER UPDATE OF name ON categories
                FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION categories_push_name();

            ALTER TABLE products ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('english', name), 'A') ||
                setweight(to_tsvector('english', brand || ' ' || category_name), 'B') ||
                setweight(to_tsvector('english', description), 'C')) STORED;
            CREATE INDEX ix_products_search_vector ON products USING gin (search_vector);

            -- The words "did you mean" can offer: those of names, brands and categories (descriptions are too noisy).
            CREATE TABLE search_words (word text PRIMARY KEY);
            CREATE INDEX ix_search_words_word_trgm ON search_words USING gin (word gin_trgm_ops);
            CREATE FUNCTION products_collect_words() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO search_words (word)
                SELECT DISTINCT w FROM regexp_split_to_table(lower(NEW.name || ' ' || NEW.brand || ' ' || NEW.category_name), '[^[:alnum:]-]+') AS w
                WHERE length(w) >= 3
                ON CONFLICT DO NOTHING;
                RETURN NULL;
            END $$;
            CREATE TRIGGER trg_products_collect_words AFTER INSERT OR UPDATE OF name, brand, category_name ON products
                FOR EACH ROW EXECUTE FUNCTION products_collect_words();
            """);

    /// <summary>What search filters and facets need per product (lowest price, sizes, colours, in stock), stored on the
    /// product and kept current by triggers on variants and inventory, so a search over 100,000 products does not
    /// aggregate variants and stock for every match. The columns belong to the database (search reads them in SQL), not
    /// to the EF model; facet_sale_price_from is the reduced "price from", kept by PriceFacts.</summary>
    private static void CreateSearchFacts(MigrationBuilder migrationBuilder) =>
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

            CREATE INDEX ix_products_facet_price_from ON products (facet_price_from, id);

            ALTER TABLE products ADD COLUMN facet_sale_price_from bigint;
            """);

    /// <summary>Products keep their brand's name as a copy (search's weighted vector, facets and "did you mean" read
    /// products.brand), which the database keeps equal to the brand's name: set from brand_id on write, pushed to every
    /// product on a rename.</summary>
    private static void CreateBrandNames(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""
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

    /// <summary>Sales signals recomputed from paid orders by the sales-signals job: units sold in the last 30 days per
    /// product (the best-selling sort) and "frequently bought together" pairs. Read in SQL only, outside the EF model.</summary>
    private static void CreateSalesSignals(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""
            ALTER TABLE products ADD COLUMN units_sold_30d integer NOT NULL DEFAULT 0;

            CREATE TABLE bought_together (
                product_id integer NOT NULL REFERENCES products (id) ON DELETE CASCADE,
                other_product_id integer NOT NULL REFERENCES products (id) ON DELETE CASCADE,
                orders integer NOT NULL,
                PRIMARY KEY (product_id, other_product_id));
            CREATE INDEX ix_bought_together_product_id_orders ON bought_together (product_id, orders DESC, other_product_id);
            """);

    /// <summary>An inverted index with precomputed scores: one row per (lexeme, published product), scored once on write
    /// with ts_rank for that lexeme alone, so a common word's best thousand matches are an index-only scan of
    /// (lexeme, score DESC, product_id) rather than a visit to every matching product row. Triggers keep the postings
    /// current on insert, on delete, and on an update that changes the search vector or the published flag (not on price
    /// or stock changes). in_name marks a lexeme of the product's name, which autocomplete reads by prefix (the C
    /// collation lets LIKE 'prefix%' use the index).</summary>
    private static void CreateSearchPostings(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""
            CREATE TABLE search_postings (
                lexeme text COLLATE "C" NOT NULL,
                product_id integer NOT NULL,
                score real NOT NULL,
                in_name boolean NOT NULL,
                CONSTRAINT pk_search_postings PRIMARY KEY (lexeme, product_id) INCLUDE (score, in_name)
            );
            CREATE INDEX ix_search_postings_rank ON search_postings (lexeme, score DESC, product_id) INCLUDE (in_name);
            -- A lexeme as a one-term tsquery: quoted, with backslashes and quotes escaped as tsquery input wants.
            CREATE FUNCTION search_lexeme_query(lexeme text) RETURNS tsquery LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                AS $$ SELECT ('''' || replace(replace(lexeme, '\', '\\'), '''', '''''') || '''')::tsquery $$;
            CREATE FUNCTION products_post_lexemes() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP <> 'INSERT' THEN
                    DELETE FROM search_postings
                    WHERE lexeme = ANY (tsvector_to_array(OLD.search_vector)) AND product_id = OLD.id;
                END IF;
                IF TG_OP <> 'DELETE' AND NEW.is_published THEN
                    INSERT INTO search_postings (lexeme, product_id, score, in_name)
                    SELECT u.lexeme, NEW.id, ts_rank(NEW.search_vector, search_lexeme_query(u.lexeme)), 'A' = ANY (u.weights)
                    FROM unnest(NEW.search_vector) u;
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER trg_products_post_lexemes AFTER INSERT OR DELETE ON products
                FOR EACH ROW EXECUTE FUNCTION products_post_lexemes();
            CREATE TRIGGER trg_products_repost_lexemes AFTER UPDATE ON products
                FOR EACH ROW WHEN (OLD.search_vector IS DISTINCT FROM NEW.search_vector OR OLD.is_published IS DISTINCT FROM NEW.is_published)
                EXECUTE FUNCTION products_post_lexemes();
            """);

    /// <summary>A product's attribute values as "code=value" entries on the product row (products.facet_attributes), so
    /// search filters and counts attribute facets from the candidate rows it already reads. Kept current by triggers on
    /// product_attributes and on a change of an attribute's code; the products update touches neither the search
    /// vector nor the published flag, so the postings trigger does not fire.</summary>
    private static void CreateAttributeFacets(MigrationBuilder migrationBuilder) =>
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
            """);
}
