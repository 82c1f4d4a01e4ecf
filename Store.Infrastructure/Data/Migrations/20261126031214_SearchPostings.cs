using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Store.Infrastructure.Data.Migrations
{
    /// <summary>
    /// An inverted index with precomputed scores: one row per (lexeme, published product), scored once on write with
    /// ts_rank for that lexeme alone. Ranking a common word's matches through the GIN index visits every matching
    /// product row (16,770 heap rows, about 25 ms for "jacket" at 100,000 products); reading its best thousand postings
    /// from (lexeme, score DESC, product_id) is an index-only scan of a thousand entries (0.2 ms), and words are
    /// intersected by merge joins on (lexeme, product_id). Triggers keep the postings current: on insert, on delete,
    /// and on an update that changes the search vector or the published flag (not on price or stock changes).
    /// in_name marks a lexeme of the product's name (weight A), which autocomplete reads by prefix (the C collation lets
    /// LIKE 'prefix%' use the index). Not in the EF model: only SQL reads and writes it.
    /// </summary>
    public partial class SearchPostings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                INSERT INTO search_postings (lexeme, product_id, score, in_name)
                SELECT u.lexeme, p.id, ts_rank(p.search_vector, search_lexeme_query(u.lexeme)), 'A' = ANY (u.weights)
                FROM products p, unnest(p.search_vector) u
                WHERE p.is_published;
                ANALYZE search_postings;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER trg_products_repost_lexemes ON products;
                DROP TRIGGER trg_products_post_lexemes ON products;
                DROP FUNCTION products_post_lexemes();
                DROP FUNCTION search_lexeme_query(text);
                DROP TABLE search_postings;
                """);
        }
    }
}
