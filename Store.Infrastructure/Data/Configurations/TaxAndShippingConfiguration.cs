using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Store.Domain.Common;
using Store.Infrastructure.Shipping;
using Store.Infrastructure.Tax;

namespace Store.Infrastructure.Data.Configurations;

public sealed class StoredTaxZoneConfiguration : IEntityTypeConfiguration<StoredTaxZone>
{
    public void Configure(EntityTypeBuilder<StoredTaxZone> b)
    {
        b.ToTable("tax_zones");
        b.Property(z => z.Name).HasMaxLength(100);
        b.Property(z => z.Country).HasMaxLength(2).IsFixedLength();
        b.Property(z => z.Region).HasMaxLength(100);
        b.Property(z => z.PostalPrefix).HasMaxLength(20);
        b.Property(z => z.StandardRate).HasPrecision(7, 4);
        b.Property(z => z.ReducedRate).HasPrecision(7, 4);
        b.Property(z => z.ZeroRate).HasPrecision(7, 4);
        b.HasIndex(z => new { z.Country, z.Region, z.PostalPrefix }).IsUnique().AreNullsDistinct(false);
        b.ToTable(t => t.HasCheckConstraint("ck_tax_zones_rates", "standard_rate >= 0 AND reduced_rate >= 0 AND zero_rate >= 0"));
    }
}

public sealed class StoredShippingZoneConfiguration : IEntityTypeConfiguration<StoredShippingZone>
{
    public void Configure(EntityTypeBuilder<StoredShippingZone> b)
    {
        b.ToTable("shipping_zones");
        b.Property(z => z.Id).HasMaxLength(50);
        b.Property(z => z.Name).HasMaxLength(100);
        b.Property(z => z.Areas).HasColumnType("jsonb").HasConversion(JsonColumn.Converter<List<GeoArea>>(), JsonColumn.Comparer<List<GeoArea>>());
    }
}

public sealed class StoredShippingMethodConfiguration : IEntityTypeConfiguration<StoredShippingMethod>
{
    public void Configure(EntityTypeBuilder<StoredShippingMethod> b)
    {
        b.ToTable("shipping_methods");
        b.Property(m => m.Id).HasMaxLength(50);
        b.Property(m => m.Carrier).HasMaxLength(50);
        b.Property(m => m.Service).HasMaxLength(100);
        b.Property(m => m.Currency).HasMaxLength(3).IsFixedLength();
        b.Property(m => m.Brackets).HasColumnType("jsonb").HasConversion(JsonColumn.Converter<List<StoredRateBracket>>(), JsonColumn.Comparer<List<StoredRateBracket>>());
        b.HasOne<StoredShippingZone>().WithMany().HasForeignKey(m => m.ZoneId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t => t.HasCheckConstraint("ck_shipping_methods_days", "min_business_days >= 0 AND max_business_days >= min_business_days"));
    }
}

/// <summary>A short list kept whole in a jsonb column, compared by its JSON so EF notices changes to the list.</summary>
internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<T, string> Converter<T>()
        where T : new() =>
        new(v => JsonSerializer.Serialize(v, Options), s => JsonSerializer.Deserialize<T>(s, Options) ?? new T());

    public static ValueComparer<T> Comparer<T>()
        where T : new() =>
        new(
            (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
            v => JsonSerializer.Serialize(v, Options).GetHashCode(StringComparison.Ordinal),
            v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Options), Options) ?? new T());
}
