using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Store.Domain.Catalog;
using Store.Domain.Inventory;

namespace Store.Infrastructure.Data.Configurations;

public sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> b)
    {
        b.ToTable("categories");
        b.Property(c => c.Name).HasMaxLength(100);
        b.Property(c => c.Slug).HasMaxLength(120);
        b.Property(c => c.SeoTitle).HasMaxLength(200);
        b.Property(c => c.SeoDescription).HasMaxLength(400);
        b.HasIndex(c => c.Slug).IsUnique();
        b.HasIndex(c => new { c.ParentId, c.SortOrder });
        b.HasOne<Category>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class BrandConfiguration : IEntityTypeConfiguration<Brand>
{
    public void Configure(EntityTypeBuilder<Brand> b)
    {
        b.ToTable("brands");
        b.Property(x => x.Name).HasMaxLength(Brand.MaxNameLength);
        b.Property(x => x.Slug).HasMaxLength(120);
        b.Property(x => x.Description).HasMaxLength(2000);
        b.HasIndex(x => x.Slug).IsUnique();
        b.HasIndex(x => x.Name).IsUnique();
    }
}

public sealed class AttributeDefinitionConfiguration : IEntityTypeConfiguration<AttributeDefinition>
{
    public void Configure(EntityTypeBuilder<AttributeDefinition> b)
    {
        b.ToTable("attribute_definitions");
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.Name).HasMaxLength(60);
        b.Property(x => x.Type).HasConversion<string>().HasMaxLength(10);
        b.HasIndex(x => x.Code).IsUnique();
    }
}

public sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.ToTable("products");
        b.Property(p => p.Name).HasMaxLength(Product.MaxNameLength);
        b.Property(p => p.Brand).HasMaxLength(100);
        b.Property(p => p.Slug).HasMaxLength(Product.MaxSlugLength);
        b.Property(p => p.SeoTitle).HasMaxLength(200);
        b.Property(p => p.SeoDescription).HasMaxLength(400);
        b.HasOne<Brand>().WithMany().HasForeignKey(p => p.BrandId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => p.BrandId);
        b.HasMany(p => p.Options).WithOne().HasForeignKey(o => o.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(p => p.Options).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(p => p.Attributes).WithOne().HasForeignKey(a => a.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(p => p.Attributes).UsePropertyAccessMode(PropertyAccessMode.Field);
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
        b.Property(v => v.Barcode).HasMaxLength(64);
        b.HasIndex(v => v.Sku).IsUnique();
        b.ToTable(t => t.HasCheckConstraint("ck_product_variants_price", "price_minor >= 0"));
        b.Property(v => v.SupplierSku).HasMaxLength(64);
        b.Property(v => v.PackSize).HasDefaultValue(1);
        b.ToTable(t => t.HasCheckConstraint("ck_product_variants_sourcing", "pack_size >= 1 AND (cost_minor IS NULL OR cost_minor >= 0)"));
        b.HasOne<Supplier>().WithMany().HasForeignKey(v => v.SupplierId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(v => v.SupplierId);
    }
}

public sealed class ProductOptionConfiguration : IEntityTypeConfiguration<ProductOption>
{
    public void Configure(EntityTypeBuilder<ProductOption> b)
    {
        b.ToTable("product_options");
        b.Property(o => o.Name).HasMaxLength(ProductOption.MaxNameLength);
        b.HasIndex(o => new { o.ProductId, o.Position }).IsUnique();
    }
}

public sealed class ProductAttributeConfiguration : IEntityTypeConfiguration<ProductAttribute>
{
    public void Configure(EntityTypeBuilder<ProductAttribute> b)
    {
        b.ToTable("product_attributes");
        b.HasKey(a => new { a.ProductId, a.AttributeId });
        b.Property(a => a.Value).HasMaxLength(AttributeValues.MaxLength);
        b.HasOne<AttributeDefinition>().WithMany().HasForeignKey(a => a.AttributeId).OnDelete(DeleteBehavior.Cascade);

        // Filtering asks "which products have waterproof = true", so the index leads with the attribute.
        b.HasIndex(a => new { a.AttributeId, a.Value, a.ProductId });
    }
}
