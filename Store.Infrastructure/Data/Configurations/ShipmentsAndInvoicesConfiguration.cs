using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Store.Domain.Ordering;
using Store.Domain.Shipping;
using Store.Infrastructure.Ordering;
using Store.Infrastructure.Shipping;

namespace Store.Infrastructure.Data.Configurations;

public sealed class ShipmentConfiguration : IEntityTypeConfiguration<Shipment>
{
    public void Configure(EntityTypeBuilder<Shipment> b)
    {
        b.ToTable("shipments", t => t.HasCheckConstraint("ck_shipments_weight", "weight_grams >= 0"));
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Carrier).HasMaxLength(50);
        b.Property(s => s.Service).HasMaxLength(160);
        b.Property(s => s.TrackingNumber).HasMaxLength(64);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(30);
        b.Property(s => s.CarrierCode).HasMaxLength(20);
        b.HasIndex(s => s.TrackingNumber).IsUnique();

        // When the tracking job last asked the carrier: not the parcel's business, so a shadow property of the table.
        b.Property<DateTimeOffset?>(CarrierTrackingService.PolledAt);

        // The tracking job's queue: open carrier parcels, least recently polled first.
        b.HasIndex(nameof(Shipment.CarrierCode), CarrierTrackingService.PolledAt).HasFilter("carrier_code IS NOT NULL AND status <> 'Delivered'");

        // One parcel per order: a second "start fulfilment" finds the first shipment instead of making another.
        b.HasIndex(s => s.OrderId).IsUnique();
        b.HasOne<Order>().WithMany().HasForeignKey(s => s.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(s => s.Events).WithOne().HasForeignKey(e => e.ShipmentId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(s => s.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class ShipmentEventConfiguration : IEntityTypeConfiguration<ShipmentEvent>
{
    public void Configure(EntityTypeBuilder<ShipmentEvent> b)
    {
        b.ToTable("shipment_events");
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(e => e.Location).HasMaxLength(Shipment.MaxLocationLength);
        b.Property(e => e.Note).HasMaxLength(Shipment.MaxNoteLength);
        b.Property(e => e.Actor).HasMaxLength(256);
        b.Property(e => e.CarrierCode).HasMaxLength(ShipmentEvent.MaxCarrierCodeLength);
        b.HasIndex(e => new { e.ShipmentId, e.At });

        // A carrier scan is kept once, however often the feed is read (the job dedupes first; this is the guarantee).
        b.HasIndex(e => new { e.ShipmentId, e.At, e.CarrierCode }).IsUnique().HasFilter("carrier_code IS NOT NULL");
    }
}

public sealed class StoredCarrierLabelConfiguration : IEntityTypeConfiguration<StoredCarrierLabel>
{
    public void Configure(EntityTypeBuilder<StoredCarrierLabel> b)
    {
        b.ToTable("carrier_labels");
        b.HasKey(l => l.ShipmentId);
        b.Property(l => l.Carrier).HasMaxLength(20);
        b.Property(l => l.ServiceCode).HasMaxLength(20);
        b.Property(l => l.TrackingNumber).HasMaxLength(64);
        b.Property(l => l.Format).HasMaxLength(10);
        b.Property(l => l.Currency).HasMaxLength(3);
        b.Property(l => l.BoughtBy).HasMaxLength(256);
        b.HasOne<Shipment>().WithOne().HasForeignKey<StoredCarrierLabel>(l => l.ShipmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class OrderTaxLineConfiguration : IEntityTypeConfiguration<OrderTaxLine>
{
    public void Configure(EntityTypeBuilder<OrderTaxLine> b)
    {
        b.ToTable("order_tax_lines", t => t.HasCheckConstraint("ck_order_tax_lines_amounts", "tax_minor >= 0 AND rate_percent >= 0"));
        b.Property(l => l.ZoneName).HasMaxLength(100);
        b.Property(l => l.RatePercent).HasPrecision(7, 4);
        b.HasIndex(l => l.OrderId);
    }
}

public sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> b)
    {
        b.ToTable("invoices", t => t.HasCheckConstraint("ck_invoices_sequence", "sequence > 0"));
        b.HasKey(i => i.OrderId);
        b.Property(i => i.Number).HasMaxLength(20);
        b.HasIndex(i => i.Number).IsUnique();
        b.HasIndex(i => new { i.Year, i.Sequence }).IsUnique();
        b.HasOne<Order>().WithOne().HasForeignKey<Invoice>(i => i.OrderId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class InvoiceCounterConfiguration : IEntityTypeConfiguration<InvoiceCounter>
{
    public void Configure(EntityTypeBuilder<InvoiceCounter> b)
    {
        b.ToTable("invoice_counters");
        b.HasKey(c => c.Year);
        b.Property(c => c.Year).ValueGeneratedNever();
    }
}
