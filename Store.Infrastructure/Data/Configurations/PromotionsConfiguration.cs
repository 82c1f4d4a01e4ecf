using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Store.Domain.Ordering;
using Store.Infrastructure.Identity;
using Store.Infrastructure.Promotions;

namespace Store.Infrastructure.Data.Configurations;

public sealed class StoredPromotionConfiguration : IEntityTypeConfiguration<StoredPromotion>
{
    public void Configure(EntityTypeBuilder<StoredPromotion> b)
    {
        b.ToTable("promotions", t =>
        {
            // The usage limit's last line of defence: even a buggy caller cannot count past it.
            t.HasCheckConstraint("ck_promotions_used", "used >= 0 AND (usage_limit IS NULL OR used <= usage_limit)");
            t.HasCheckConstraint("ck_promotions_limits", "(usage_limit IS NULL OR usage_limit >= 1) AND (per_customer_limit IS NULL OR per_customer_limit >= 1)");
            t.HasCheckConstraint("ck_promotions_benefit", "percent_off >= 0 AND percent_off <= 100 AND (amount_minor IS NULL OR amount_minor > 0) AND buy_quantity >= 0 AND get_quantity >= 0 AND (minimum_subtotal_minor IS NULL OR minimum_subtotal_minor >= 0)");
            t.HasCheckConstraint("ck_promotions_window", "starts_at IS NULL OR ends_at IS NULL OR ends_at > starts_at");
        });
        b.Property(p => p.Name).HasMaxLength(100);
        b.Property(p => p.Code).HasMaxLength(50);
        b.HasIndex(p => p.Code).IsUnique().HasFilter("code IS NOT NULL");
        b.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Stacking).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.PercentOff).HasPrecision(7, 4);
        b.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
        b.Ignore(p => p.Label);
        b.Property<uint>("Version").IsRowVersion();
    }
}

public sealed class PromotionRedemptionConfiguration : IEntityTypeConfiguration<PromotionRedemption>
{
    public void Configure(EntityTypeBuilder<PromotionRedemption> b)
    {
        b.ToTable("promotion_redemptions", t => t.HasCheckConstraint("ck_promotion_redemptions_amount", "amount_minor >= 0"));
        b.HasIndex(r => new { r.PromotionId, r.OrderId }).IsUnique();
        b.HasIndex(r => r.OrderId);
        b.HasIndex(r => new { r.PromotionId, r.Email }).HasFilter("released_at IS NULL");
        b.HasIndex(r => new { r.PromotionId, r.CustomerId }).HasFilter("released_at IS NULL AND customer_id IS NOT NULL");
        b.Property(r => r.Email).HasMaxLength(256);
        b.Property(r => r.Code).HasMaxLength(50);
        b.Property(r => r.Label).HasMaxLength(160);
        b.Property(r => r.Currency).HasMaxLength(3).IsFixedLength();
        b.HasOne<StoredPromotion>().WithMany().HasForeignKey(r => r.PromotionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StoreUser>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.SetNull);
    }
}
