using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Store.Domain.Catalog;
using Store.Domain.Inventory;

namespace Store.Infrastructure.Data.Configurations;

public sealed class LocationConfiguration : IEntityTypeConfiguration<Location>
{
    public void Configure(EntityTypeBuilder<Location> b)
    {
        b.ToTable("locations");
        b.Property(l => l.Code).HasMaxLength(20);
        b.Property(l => l.Name).HasMaxLength(100);
        b.HasIndex(l => l.Code).IsUnique();
        b.Ignore(l => l.IsActive);
        b.OwnsOne(l => l.ShipFrom, a =>
        {
            a.Property(x => x.Line1).HasColumnName("ship_from_line1").HasMaxLength(200);
            a.Property(x => x.Line2).HasColumnName("ship_from_line2").HasMaxLength(200);
            a.Property(x => x.City).HasColumnName("ship_from_city").HasMaxLength(200);
            a.Property(x => x.Region).HasColumnName("ship_from_region").HasMaxLength(200);
            a.Property(x => x.PostalCode).HasColumnName("ship_from_postal_code").HasMaxLength(200);
            a.Property(x => x.Country).HasColumnName("ship_from_country").HasMaxLength(2);
        });
    }
}

public sealed class InventoryLevelConfiguration : IEntityTypeConfiguration<InventoryLevel>
{
    public void Configure(EntityTypeBuilder<InventoryLevel> b)
    {
        b.ToTable("inventory", t =>
        {
            // The database itself refuses an oversell, whatever code path runs.
            t.HasCheckConstraint("ck_inventory_on_hand", "on_hand >= 0");
            t.HasCheckConstraint("ck_inventory_reserved", "reserved >= 0 AND reserved <= on_hand");
        });
        b.HasKey(i => new { i.VariantId, i.LocationId });
        b.Ignore(i => i.Available);
        b.ToTable(t => t.HasCheckConstraint("ck_inventory_reorder", "reorder_point >= 0 AND reorder_quantity >= 0"));
        b.HasIndex(i => i.LowStockSince, "ix_inventory_low_stock").HasFilter("low_stock_since IS NOT NULL");
        b.HasOne<ProductVariant>().WithMany().HasForeignKey(i => i.VariantId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(i => i.Location).WithMany().HasForeignKey(i => i.LocationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class StockReservationConfiguration : IEntityTypeConfiguration<StockReservation>
{
    public void Configure(EntityTypeBuilder<StockReservation> b)
    {
        b.ToTable("stock_reservations", t => t.HasCheckConstraint("ck_stock_reservations_quantity", "quantity > 0"));
        b.HasIndex(r => new { r.OrderId, r.Status });
        b.HasIndex(r => new { r.VariantId, r.LocationId });
        b.HasIndex(r => r.ExpiresAt, "ix_stock_reservations_active_expiry").HasFilter("status = 0");
    }
}

public sealed class StockMovementConfiguration : IEntityTypeConfiguration<StockMovement>
{
    public void Configure(EntityTypeBuilder<StockMovement> b)
    {
        b.ToTable("stock_movements");
        b.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.Actor).HasMaxLength(256);
        b.Property(m => m.Note).HasMaxLength(500);
        b.HasIndex(m => new { m.VariantId, m.LocationId, m.Id });
        b.HasIndex(m => m.OrderId);
        b.HasIndex(m => m.At);
    }
}

public sealed class SupplierConfiguration : IEntityTypeConfiguration<Supplier>
{
    public void Configure(EntityTypeBuilder<Supplier> b)
    {
        b.ToTable("suppliers");
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Email).HasMaxLength(256);
        b.Property(x => x.ContactName).HasMaxLength(100);
        b.Property(x => x.Phone).HasMaxLength(40);
        b.Property(x => x.Terms).HasMaxLength(200);
        b.ToTable(t => t.HasCheckConstraint("ck_suppliers_lead_time", "lead_time_days BETWEEN 0 AND 365"));
    }
}

public sealed class PurchaseOrderConfiguration : IEntityTypeConfiguration<PurchaseOrder>
{
    public void Configure(EntityTypeBuilder<PurchaseOrder> b)
    {
        b.ToTable("purchase_orders");
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.CreatedBy).HasMaxLength(256);
        b.HasIndex(p => p.Number).IsUnique();
        b.HasIndex(p => new { p.SupplierId, p.LocationId, p.Status });
        b.HasOne<Supplier>().WithMany().HasForeignKey(p => p.SupplierId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Location>().WithMany().HasForeignKey(p => p.LocationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Lines).WithOne().HasForeignKey(l => l.PurchaseOrderId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(p => p.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class PurchaseOrderLineConfiguration : IEntityTypeConfiguration<PurchaseOrderLine>
{
    public void Configure(EntityTypeBuilder<PurchaseOrderLine> b)
    {
        b.ToTable("purchase_order_lines", t => t.HasCheckConstraint("ck_purchase_order_lines_quantity", "quantity > 0"));
        b.HasIndex(l => new { l.PurchaseOrderId, l.VariantId }).IsUnique();
        b.HasOne<ProductVariant>().WithMany().HasForeignKey(l => l.VariantId).OnDelete(DeleteBehavior.Restrict);
    }
}
