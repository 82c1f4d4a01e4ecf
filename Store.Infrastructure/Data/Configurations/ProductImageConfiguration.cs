using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Store.Domain.Catalog;

namespace Store.Infrastructure.Data.Configurations;

public sealed class ProductImageConfiguration : IEntityTypeConfiguration<ProductImage>
{
    public void Configure(EntityTypeBuilder<ProductImage> b)
    {
        b.ToTable("product_images", t =>
        {
            t.HasCheckConstraint("ck_product_images_size", "width > 0 AND height > 0 AND byte_size > 0");
            t.HasCheckConstraint("ck_product_images_widths", "cardinality(widths) > 0");
        });
        b.Property(i => i.Hash).HasMaxLength(ProductImage.HashLength).IsFixedLength();
        b.Property(i => i.Format).HasConversion<string>().HasMaxLength(8);
        b.Property(i => i.AltText).HasMaxLength(ProductImage.MaxAltTextLength);
        b.HasOne<Product>().WithMany().HasForeignKey(i => i.ProductId).OnDelete(DeleteBehavior.Cascade);

        // Pictures of one product in order (card, product page); and "does any other row use these files?".
        b.HasIndex(i => new { i.ProductId, i.Position });
        b.HasIndex(i => i.Hash);
    }
}
