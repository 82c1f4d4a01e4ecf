using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Store.Domain.Audit;
using Store.Domain.Ordering;
using Store.Domain.Payments;
using Store.Infrastructure.Identity;

namespace Store.Infrastructure.Data.Configurations;

public sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.ToTable("orders", t => t.HasCheckConstraint("ck_orders_total", "total_minor = subtotal_minor + shipping_minor + tax_minor"));
        b.Property(o => o.Id).ValueGeneratedNever();
        b.HasIndex(o => o.Number).IsUnique();
        b.HasIndex(o => new { o.CustomerId, o.PlacedAt });
        b.HasIndex(o => new { o.CartId, o.Status });
        b.HasIndex(o => o.PlacedAt);
        b.Property(o => o.Email).HasMaxLength(256);
        b.Property(o => o.ShippingService).HasMaxLength(160);
        b.Property(o => o.ShippingMethodId).HasMaxLength(64);
        b.Property(o => o.Currency).HasMaxLength(3).IsFixedLength();
        b.Property(o => o.Status).HasConversion<string>().HasMaxLength(30);
        b.Ignore(o => o.Total);
        b.HasOne<StoreUser>().WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.SetNull);
        b.ComplexProperty(o => o.ShippingAddress, a =>
        {
            a.Property(x => x.Name).HasMaxLength(100).HasColumnName("ship_name");
            a.Property(x => x.Line1).HasMaxLength(200).HasColumnName("ship_line1");
            a.Property(x => x.Line2).HasMaxLength(200).HasColumnName("ship_line2");
            a.Property(x => x.City).HasMaxLength(100).HasColumnName("ship_city");
            a.Property(x => x.Region).HasMaxLength(100).HasColumnName("ship_region");
            a.Property(x => x.PostalCode).HasMaxLength(20).HasColumnName("ship_postal_code");
            a.Property(x => x.Country).HasMaxLength(2).HasColumnName("ship_country");
        });
        b.HasMany(o => o.Items).WithOne().HasForeignKey(i => i.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(o => o.Items).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(o => o.History).WithOne().HasForeignKey(h => h.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(o => o.History).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(o => o.TaxLines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(o => o.TaxLines).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Property(o => o.Carrier).HasMaxLength(40);
        b.Property(o => o.TrackingNumber).HasMaxLength(64);
        b.HasIndex(o => new { o.Status, o.PlacedAt });
        b.Property<uint>("Version").IsRowVersion();
    }
}

public sealed class OrderStatusChangeConfiguration : IEntityTypeConfiguration<OrderStatusChange>
{
    public void Configure(EntityTypeBuilder<OrderStatusChange> b)
    {
        b.ToTable("order_status_changes");
        b.Property(h => h.From).HasConversion<string>().HasMaxLength(30);
        b.Property(h => h.To).HasConversion<string>().HasMaxLength(30);
        b.Property(h => h.Actor).HasMaxLength(256);
        b.Property(h => h.Note).HasMaxLength(500);
        b.HasIndex(h => new { h.OrderId, h.At });
    }
}

public sealed class OrderItemConfiguration : IEntityTypeConfiguration<OrderItem>
{
    public void Configure(EntityTypeBuilder<OrderItem> b)
    {
        b.ToTable("order_items", t =>
        {
            t.HasCheckConstraint("ck_order_items_quantity", "quantity > 0");
            t.HasCheckConstraint("ck_order_items_discount", "discount_minor >= 0 AND discount_minor <= unit_price_minor * quantity");
        });
        b.Property(i => i.DiscountNote).HasMaxLength(500);
        b.Property(i => i.ProductName).HasMaxLength(200);
        b.Property(i => i.VariantTitle).HasMaxLength(100);
        b.Property(i => i.Sku).HasMaxLength(64);
        b.Property(i => i.PriceExplanation).HasMaxLength(200);
    }
}

public sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> b)
    {
        b.ToTable("payments");
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Provider).HasMaxLength(30);
        b.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.CardLast4).HasMaxLength(4);
        b.Property(p => p.FailureReason).HasMaxLength(500);
        b.Property(p => p.ProviderReference).HasMaxLength(255);
        b.Property(p => p.ProviderPaymentId).HasMaxLength(255);
        b.Property(p => p.RedirectUrl).HasMaxLength(2048);
        b.HasIndex(p => new { p.Provider, p.ProviderPaymentId });
        b.HasIndex(p => p.OrderId, "ix_payments_order_id");

        // At most one successful payment per order, enforced where no race can get around it.
        b.HasIndex(p => p.OrderId, "ux_payments_one_success_per_order").IsUnique().HasFilter("status = 'Succeeded'");
        b.HasOne<Order>().WithMany().HasForeignKey(p => p.OrderId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> b)
    {
        b.ToTable("refunds", t => t.HasCheckConstraint("ck_refunds_amount", "amount_minor > 0"));
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Currency).HasMaxLength(3).IsFixedLength();
        b.Property(r => r.Reason).HasMaxLength(500);
        b.Property(r => r.Actor).HasMaxLength(256);
        b.Property(r => r.ProviderReference).HasMaxLength(255);
        b.HasIndex(r => r.OrderId);

        // A provider's refund is recorded once, however many times its news arrives.
        b.HasIndex(r => r.ProviderReference, "ux_refunds_provider_reference").IsUnique().HasFilter("provider_reference IS NOT NULL");
        b.HasOne<Payment>().WithMany().HasForeignKey(r => r.PaymentId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class PaymentDisputeConfiguration : IEntityTypeConfiguration<PaymentDispute>
{
    public void Configure(EntityTypeBuilder<PaymentDispute> b)
    {
        b.ToTable("payment_disputes");
        b.Property(d => d.Id).ValueGeneratedNever();
        b.Property(d => d.ProviderReference).HasMaxLength(255);
        b.HasIndex(d => d.ProviderReference).IsUnique();
        b.HasIndex(d => d.OrderId);
        b.Property(d => d.Currency).HasMaxLength(3).IsFixedLength();
        b.Property(d => d.Reason).HasMaxLength(100);
        b.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        b.Ignore(d => d.IsDecided);
        b.HasOne<Payment>().WithMany().HasForeignKey(d => d.PaymentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Order>().WithMany().HasForeignKey(d => d.OrderId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class PickListConfiguration : IEntityTypeConfiguration<PickList>
{
    public void Configure(EntityTypeBuilder<PickList> b)
    {
        b.ToTable("pick_lists");

        // One list per location per order, so fulfilment started twice cannot pick twice.
        b.HasIndex(p => new { p.OrderId, p.LocationId }).IsUnique();
        b.HasOne<Order>().WithMany().HasForeignKey(p => p.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Store.Domain.Inventory.Location>().WithMany().HasForeignKey(p => p.LocationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Lines).WithOne().HasForeignKey(l => l.PickListId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(p => p.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class PickListLineConfiguration : IEntityTypeConfiguration<PickListLine>
{
    public void Configure(EntityTypeBuilder<PickListLine> b)
    {
        b.ToTable("pick_list_lines", t => t.HasCheckConstraint("ck_pick_list_lines_quantity", "quantity > 0"));
        b.Property(l => l.Sku).HasMaxLength(64);
    }
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_log");
        b.Property(a => a.Actor).HasMaxLength(256);
        b.Property(a => a.Action).HasMaxLength(60);
        b.Property(a => a.EntityType).HasMaxLength(60);
        b.Property(a => a.EntityId).HasMaxLength(64);
        b.Property(a => a.Details).HasColumnType("jsonb");
        b.HasIndex(a => a.At);
        b.HasIndex(a => new { a.EntityType, a.EntityId });
    }
}
