using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Store.Infrastructure.Settings.Providers;

namespace Store.Infrastructure.Data.Configurations;

public sealed class StoredProviderSettingConfiguration : IEntityTypeConfiguration<StoredProviderSetting>
{
    public void Configure(EntityTypeBuilder<StoredProviderSetting> b)
    {
        b.ToTable("provider_settings");
        b.HasKey(s => s.Key);
        b.Property(s => s.Key).HasMaxLength(100);

        // Ciphertext of a secret is several times the secret's length: no limit that a long key could hit.
        b.Property(s => s.Value);
        b.Property(s => s.UpdatedBy).HasMaxLength(256);
    }
}
