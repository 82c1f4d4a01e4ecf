using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Store.Domain.Customers;
using Store.Infrastructure.Identity;

namespace Store.Infrastructure.Data.Configurations;

public sealed class SavedAddressConfiguration : IEntityTypeConfiguration<SavedAddress>
{
    public void Configure(EntityTypeBuilder<SavedAddress> b)
    {
        b.ToTable("customer_addresses");
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.CustomerId).HasMaxLength(450);
        b.HasIndex(a => a.CustomerId);

        // One default per customer, whatever two requests do at once.
        b.HasIndex(a => a.CustomerId, "ux_customer_addresses_default").HasDatabaseName("ux_customer_addresses_default").IsUnique().HasFilter("is_default");
        b.HasOne<StoreUser>().WithMany().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.Property(a => a.Phone).HasMaxLength(40);
        b.ComplexProperty(a => a.Address, a =>
        {
            a.Property(x => x.Name).HasMaxLength(100).HasColumnName("name");
            a.Property(x => x.Line1).HasMaxLength(200).HasColumnName("line1");
            a.Property(x => x.Line2).HasMaxLength(200).HasColumnName("line2");
            a.Property(x => x.City).HasMaxLength(100).HasColumnName("city");
            a.Property(x => x.Region).HasMaxLength(100).HasColumnName("region");
            a.Property(x => x.PostalCode).HasMaxLength(20).HasColumnName("postal_code");
            a.Property(x => x.Country).HasMaxLength(2).HasColumnName("country");
        });
    }
}

public sealed class StoreUserNotesConfiguration : IEntityTypeConfiguration<StoreUser>
{
    public void Configure(EntityTypeBuilder<StoreUser> b) => b.Property(u => u.StaffNotes).HasMaxLength(StaffNotes.MaxLength);
}
