using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Store.Infrastructure.Reports;

namespace Store.Infrastructure.Data.Configurations;

public sealed class SalesDailyConfiguration : IEntityTypeConfiguration<SalesDaily>
{
    public void Configure(EntityTypeBuilder<SalesDaily> b)
    {
        b.ToTable("sales_daily");
        b.HasKey(s => new { s.Day, s.ProductId });
        b.HasIndex(s => new { s.Day, s.CategoryId });
    }
}

public sealed class SalesDayTotalsConfiguration : IEntityTypeConfiguration<SalesDayTotals>
{
    public void Configure(EntityTypeBuilder<SalesDayTotals> b)
    {
        b.ToTable("sales_daily_totals");
        b.HasKey(s => s.Day);
    }
}

public sealed class IntegrityCheckRecordConfiguration : IEntityTypeConfiguration<Integrity.IntegrityCheckRecord>
{
    public void Configure(EntityTypeBuilder<Integrity.IntegrityCheckRecord> b)
    {
        b.ToTable("integrity_checks");
        b.Property(c => c.Summary).HasMaxLength(2000);
        b.HasIndex(c => c.CheckedAt);
    }
}
