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
