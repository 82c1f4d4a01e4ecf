using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Store.Domain.Catalog;

namespace Store.Infrastructure.Data.Configurations;

public sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> b)
    {
        b.ToTable("categories");
        b.Property(c => c.Name).HasMaxLength(100);
        b.Property(c => c.Slug).HasMaxLength(120);
        b.HasIndex(c => c.Slug).IsUnique();
    }
}

public sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.ToTable("products");
        b.Property(p => p.Name).HasMaxLength(Product.MaxNameLength);
        b.Property(p => p.Slug).HasMaxLength(220);
        b.Property(p => p.Brand).HasMaxLength(100);
        b.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
        b.HasIndex(p => p.Slug).IsUnique();
        b.HasIndex(p => new { p.CategoryId, p.IsPublished, p.Id });
        b.HasOne(p => p.Category).WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Store.Domain.Inventory.Supplier>().WithMany().HasForeignKey(p => p.SupplierId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(p => p.Variants).WithOne(v => v.Product).HasForeignKey(v => v.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(p => p.Variants).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class ProductVariantConfiguration : IEntityTypeConfiguration<ProductVariant>
{
    public void Configure(EntityTypeBuilder<ProductVariant> b)
    {
        b.ToTable("product_variants");
        b.Property(v => v.Sku).HasMaxLength(64);
        b.Property(v => v.Title).HasMaxLength(100);
        b.Property(v => v.Size).HasMaxLength(20);
        b.Property(v => v.Colour).HasMaxLength(30);
        b.HasIndex(v => v.Sku).IsUnique();
        b.ToTable(t => t.HasCheckConstraint("ck_product_variants_price", "price_minor >= 0"));
    }
}
