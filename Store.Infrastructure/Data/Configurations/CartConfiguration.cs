using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Store.Domain.Catalog;
using Store.Infrastructure.Identity;
using CartEntity = Store.Domain.Cart.Cart;
using CartItemEntity = Store.Domain.Cart.CartItem;

namespace Store.Infrastructure.Data.Configurations;

public sealed class CartConfiguration : IEntityTypeConfiguration<CartEntity>
{
    public void Configure(EntityTypeBuilder<CartEntity> b)
    {
        b.ToTable("carts");
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.CustomerId).HasMaxLength(450);
        b.Property(c => c.PromotionCodes).HasColumnType("text[]");

        // One cart per customer; guests' carts have none.
        b.HasIndex(c => c.CustomerId).IsUnique().HasFilter("customer_id IS NOT NULL");
        b.HasOne<StoreUser>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Items).WithOne().HasForeignKey(i => i.CartId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Items).UsePropertyAccessMode(PropertyAccessMode.Field);

        // xmin: two requests changing one cart at once cannot both win silently.
        b.Property<uint>("Version").IsRowVersion();
    }
}

public sealed class CartItemConfiguration : IEntityTypeConfiguration<CartItemEntity>
{
    public void Configure(EntityTypeBuilder<CartItemEntity> b)
    {
        b.ToTable("cart_items", t => t.HasCheckConstraint("ck_cart_items_quantity", "quantity > 0"));
        b.HasIndex(i => new { i.CartId, i.VariantId }).IsUnique();
        b.HasOne<ProductVariant>().WithMany().HasForeignKey(i => i.VariantId).OnDelete(DeleteBehavior.Cascade);
    }
}
