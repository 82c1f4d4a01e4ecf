using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Store.Domain.Content;

namespace Store.Infrastructure.Data.Configurations;

public sealed class ContentPageConfiguration : IEntityTypeConfiguration<ContentPage>
{
    public void Configure(EntityTypeBuilder<ContentPage> b)
    {
        b.ToTable("content_pages", t => t.HasCheckConstraint("ck_content_pages_body", $"length(body) <= {ContentPage.MaxBodyLength}"));
        b.HasKey(p => p.Slug);
        b.Property(p => p.Slug).HasMaxLength(40);
        b.Property(p => p.Title).HasMaxLength(ContentPage.MaxTitleLength);
        b.Property(p => p.UpdatedBy).HasMaxLength(256);
    }
}
