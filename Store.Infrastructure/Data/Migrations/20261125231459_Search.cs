using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Store.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "search_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    query = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    result_count = table.Column<int>(type: "integer", nullable: false),
                    searched_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_search_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "search_synonyms",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    terms = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_search_synonyms", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_search_log_searched_at",
                table: "search_log",
                column: "searched_at");

            // The search vector is a stored generated column, so PostgreSQL keeps it current on every write. A
            // generated column may not read another table, so the category's name is denormalised into
            // products.category_name: set by a BEFORE trigger on products, and pushed to every product of a
            // category when the category is renamed. Generated columns are computed after BEFORE triggers run.
            migrationBuilder.Sql("""
                CREATE EXTENSION IF NOT EXISTS pg_trgm;

                ALTER TABLE products ADD COLUMN category_name text NOT NULL DEFAULT '';
                UPDATE products p SET category_name = c.name FROM categories c WHERE c.id = p.category_id;

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
                INSERT INTO search_words (word)
                SELECT DISTINCT w FROM products, regexp_split_to_table(lower(name || ' ' || brand || ' ' || category_name), '[^[:alnum:]-]+') AS w
                WHERE length(w) >= 3
                ON CONFLICT DO NOTHING;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TABLE search_words;
                DROP FUNCTION products_collect_words() CASCADE;
                DROP FUNCTION categories_push_name() CASCADE;
                DROP FUNCTION products_set_category_name() CASCADE;
                ALTER TABLE products DROP COLUMN search_vector;
                ALTER TABLE products DROP COLUMN category_name;
                """);

            migrationBuilder.DropTable(
                name: "search_log");

            migrationBuilder.DropTable(
                name: "search_synonyms");
        }
    }
}
