using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Store.Domain.Catalog;
using Store.Infrastructure.Identity;
using Store.Infrastructure.Pricing;

namespace Store.Infrastructure.Data.Configurations;

public sealed class StoredSalePriceConfiguration : IEntityTypeConfiguration<StoredSalePrice>
{
    public void Configure(EntityTypeBuilder<StoredSalePrice> b)
    {
        b.ToTable("sale_prices", t =>
        {
            t.HasCheckConstraint("ck_sale_prices_target", "(product_id IS NULL) <> (variant_id IS NULL)");
            t.HasCheckConstraint("ck_sale_prices_adjustment", "(percent_off IS NULL) <> (fixed_price_minor IS NULL)");
            t.HasCheckConstraint("ck_sale_prices_percent", "percent_off IS NULL OR (percent_off > 0 AND percent_off < 100)");
            t.HasCheckConstraint("ck_sale_prices_fixed", "fixed_price_minor IS NULL OR fixed_price_minor >= 0");
            t.HasCheckConstraint("ck_sale_prices_window", "starts_at IS NULL OR ends_at IS NULL OR ends_at > starts_at");
        });
        b.Property(s => s.Label).HasMaxLength(40);
        b.Property(s => s.PercentOff).HasPrecision(5, 2);
        b.HasOne<Product>().WithMany().HasForeignKey(s => s.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ProductVariant>().WithMany().HasForeignKey(s => s.VariantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => s.VariantId);
        b.HasIndex(s => s.ProductId);
    }
}

public sealed class StoredCustomerGroupPriceConfiguration : IEntityTypeConfiguration<StoredCustomerGroupPrice>
{
    public void Configure(EntityTypeBuilder<StoredCustomerGroupPrice> b)
    {
        b.ToTable("customer_group_prices", t => t.HasCheckConstraint("ck_customer_group_prices_price", "price_minor >= 0"));
        b.Property(p => p.Group).HasColumnName("group_name").HasMaxLength(40);
        b.HasOne<ProductVariant>().WithMany().HasForeignKey(p => p.VariantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.VariantId, p.Group }).IsUnique();
    }
}

public sealed class StoredQuantityTierConfiguration : IEntityTypeConfiguration<StoredQuantityTier>
{
    public void Configure(EntityTypeBuilder<StoredQuantityTier> b)
    {
        b.ToTable("quantity_tiers", t =>
        {
            t.HasCheckConstraint("ck_quantity_tiers_min", "min_quantity > 1");
            t.HasCheckConstraint("ck_quantity_tiers_price", "price_minor >= 0");
        });
        b.HasOne<ProductVariant>().WithMany().HasForeignKey(t => t.VariantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(t => new { t.VariantId, t.MinQuantity }).IsUnique();
    }
}

public sealed class StoredMarkdownRuleConfiguration : IEntityTypeConfiguration<StoredMarkdownRule>
{
    public void Configure(EntityTypeBuilder<StoredMarkdownRule> b)
    {
        b.ToTable("markdown_rules", t =>
        {
            t.HasCheckConstraint("ck_markdown_rules_percent", "percent_off > 0 AND percent_off < 100");
            t.HasCheckConstraint("ck_markdown_rules_thresholds", "stock_above >= 0 AND days_without_sale >= 0");
        });
        b.Property(r => r.Name).HasMaxLength(60);
        b.Property(r => r.PercentOff).HasPrecision(5, 2);
        b.HasOne<Product>().WithMany().HasForeignKey(r => r.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Category>().WithMany().HasForeignKey(r => r.CategoryId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class StoredMarkdownConfiguration : IEntityTypeConfiguration<StoredMarkdown>
{
    public void Configure(EntityTypeBuilder<StoredMarkdown> b)
    {
        b.ToTable("markdowns");
        b.Property(m => m.RuleName).HasMaxLength(60);
        b.Property(m => m.PercentOff).HasPrecision(5, 2);
        b.Property(m => m.EndReason).HasMaxLength(200);
        b.HasOne<StoredMarkdownRule>().WithMany().HasForeignKey(m => m.RuleId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ProductVariant>().WithMany().HasForeignKey(m => m.VariantId).OnDelete(DeleteBehavior.Cascade);

        // One open markdown per rule and variant: the job's idempotency holds even if two nodes evaluate at once.
        b.HasIndex(m => new { m.RuleId, m.VariantId }).IsUnique().HasFilter("ended_at IS NULL");
        b.HasIndex(m => m.VariantId).HasFilter("ended_at IS NULL");
    }
}

public sealed class StoreUserPricingConfiguration : IEntityTypeConfiguration<StoreUser>
{
    public void Configure(EntityTypeBuilder<StoreUser> b) => b.Property(u => u.CustomerGroup).HasMaxLength(40);
}
