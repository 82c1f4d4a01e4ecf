using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Store.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class CartPriceSeen : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "price_seen_minor",
                table: "cart_items",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // Carts that exist already saw today's prices.
            migrationBuilder.Sql("UPDATE cart_items ci SET price_seen_minor = v.price_minor FROM product_variants v WHERE v.id = ci.variant_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "price_seen_minor",
                table: "cart_items");
        }
    }
}
