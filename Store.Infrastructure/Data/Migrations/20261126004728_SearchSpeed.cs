using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Store.Infrastructure.Data.Migrations
{
    /// <summary>
    /// Sales signals for search and recommendations, recomputed from paid orders by the sales-signals job: units sold
    /// in the last 30 days per product (the best-selling sort) and "frequently bought together" pairs. Both belong to
    /// the database, not the EF model (search and recommendations read them in SQL), so the model does not change.
    /// </summary>
    public partial class SearchSpeed : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE products ADD COLUMN units_sold_30d integer NOT NULL DEFAULT 0;

                CREATE TABLE bought_together (
                    product_id integer NOT NULL REFERENCES products (id) ON DELETE CASCADE,
                    other_product_id integer NOT NULL REFERENCES products (id) ON DELETE CASCADE,
                    orders integer NOT NULL,
                    PRIMARY KEY (product_id, other_product_id));
                CREATE INDEX ix_bought_together_product_id_orders ON bought_together (product_id, orders DESC, other_product_id);
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TABLE bought_together;
                ALTER TABLE products DROP COLUMN units_sold_30d;
                """);
        }
    }
}
