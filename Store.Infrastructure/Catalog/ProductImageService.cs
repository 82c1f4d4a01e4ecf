using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Store.Domain.Catalog;
using Store.Domain.Common;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Catalog;

/// <summary>An uploaded picture as the admin lists it.</summary>
public sealed record ProductImageRow(int Id, int Position, long ByteSize, ProductPicture Picture);

/// <summary>
/// Upload, describe, reorder and delete a product's pictures. Files and rows change together: an upload that fails
/// removes the files it wrote, and a delete removes the files once no row names them. Both hold a PostgreSQL advisory
/// lock on the picture's hash from before the files are touched until after the commit, so an upload of the same
/// picture never finds files that a concurrent delete is about to remove.
/// </summary>
public sealed class ProductImageService(StoreDbContext db, ImageProcessor processor, ImageStore store, AuditLog audit, IClock clock, CatalogCache cache, IOptions<ImageOptions> options)
{
    public async Task<IReadOnlyList<ProductImageRow>> ListAsync(int productId, CancellationToken ct = default) =>
        await db.ProductImages.AsNoTracking()
            .Where(i => i.ProductId == productId)
            .OrderBy(i => i.Position).ThenBy(i => i.Id)
            .Select(i => new ProductImageRow(i.Id, i.Position, i.ByteSize, new ProductPicture(i.Hash, i.Format, i.Width, i.Height, i.Widths, i.AltText)))
            .ToListAsync(ct);

    /// <summary>Checks the upload (type from its bytes, size, pixel count), makes its copies and adds it last.</summary>
    public async Task<Result<ProductImageRow>> UploadAsync(int productId, Stream content, string? altText, string actor, CancellationToken ct = default)
    {
        if (!ProductImage.IsValidAltText(altText))
        {
            return DomainError.Invalid("image.alt", $"Alt text is at most {ProductImage.MaxAltTextLength} characters.");
        }

        if (!await db.Products.AnyAsync(p => p.Id == productId, ct))
        {
            return DomainError.NotFound("product.unknown", "No such product.");
        }

        var bytes = await ReadAtMostAsync(content, options.Value.MaxBytes, ct);
        if (bytes is null)
        {
            return ImageProcessor.TooLarge(options.Value.MaxBytes);
        }

        // Decoding and encoding take a second or so of CPU for a large photo: keep it off the caller's thread.
        var processed = await Task.Run(() => processor.Process(bytes), ct);
        if (!processed.IsSuccess)
        {
            return processed.Error!;
        }

        var image = processed.Value;
        await using var hashLock = await HashLock.TakeAsync(db, image.Hash, ct);
        var written = new List<string>();
        try
        {
            foreach (var copy in image.Copies)
            {
                if (await store.WriteIfMissingAsync(image.Hash, copy, ct) is { } path)
                {
                    written.Add(path);
                }
            }

            var last = await db.ProductImages.Where(i => i.ProductId == productId).MaxAsync(i => (int?)i.Position, ct);
            var row = new ProductImage(productId, (last ?? -1) + 1, image.Hash, image.Format, image.Width, image.Height, image.Widths, image.ByteSize, altText, clock.UtcNow);
            db.ProductImages.Add(row);
            audit.Record(actor, "product.image.added", "product", productId.ToString(), new { row.Hash, row.Format, row.Width, row.Height, row.ByteSize });
            await db.SaveChangesAsync(ct);
            cache.Invalidate();
            return new ProductImageRow(row.Id, row.Position, row.ByteSize, ToPicture(row));
        }
        catch (Exception e)
        {
            db.ChangeTracker.Clear();
            store.Delete(written);
            if (e is IOException or UnauthorizedAccessException)
            {
                return DomainError.Unavailable("image.storage", "The image could not be stored (the image folder is full or not writable); nothing was saved.");
            }

            throw;
        }
    }

    public async Task<Result<bool>> DescribeAsync(int imageId, string? altText, string actor, CancellationToken ct = default)
    {
        if (!ProductImage.IsValidAltText(altText))
        {
            return DomainError.Invalid("image.alt", $"Alt text is at most {ProductImage.MaxAltTextLength} characters.");
        }

        var image = await db.ProductImages.FirstOrDefaultAsync(i => i.Id == imageId, ct);
        if (image is null)
        {
            return DomainError.NotFound("image.unknown", "No such image.");
        }

        audit.Record(actor, "product.image.described", "product", image.ProductId.ToString(), new { image.Hash, Before = image.AltText, After = altText?.Trim() ?? "" });
        image.Describe(altText);
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        return true;
    }

    /// <summary>Puts the product's pictures in the given order (every one of them, each once); the first is the main one.</summary>
    public async Task<Result<bool>> ReorderAsync(int productId, IReadOnlyList<int> imageIds, string actor, CancellationToken ct = default)
    {
        var images = await db.ProductImages.Where(i => i.ProductId == productId).ToListAsync(ct);
        if (images.Count != imageIds.Count || !images.Select(i => i.Id).Order().SequenceEqual(imageIds.Order()))
        {
            return DomainError.Conflict("image.order", "The product's pictures changed meanwhile; reload and try again.");
        }

        foreach (var image in images)
        {
            image.MoveTo(imageIds.ToList().IndexOf(image.Id));
        }

        audit.Record(actor, "product.image.reordered", "product", productId.ToString(), new { Order = imageIds });
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        return true;
    }

    /// <summary>Removes the picture; its files go too when no other image row (of any product) uses them.</summary>
    public async Task<Result<bool>> DeleteAsync(int imageId, string actor, CancellationToken ct = default)
    {
        var hash = await db.ProductImages.Where(i => i.Id == imageId).Select(i => i.Hash).FirstOrDefaultAsync(ct);
        if (hash is null)
        {
            return DomainError.NotFound("image.unknown", "No such image.");
        }

        await using var hashLock = await HashLock.TakeAsync(db, hash, ct);
        var image = await db.ProductImages.FirstOrDefaultAsync(i => i.Id == imageId, ct);
        if (image is null)
        {
            return DomainError.NotFound("image.unknown", "No such image.");
        }

        db.ProductImages.Remove(image);
        audit.Record(actor, "product.image.removed", "product", image.ProductId.ToString(), new { image.Hash, image.Format });
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        if (!await db.ProductImages.AnyAsync(i => i.Hash == hash, ct))
        {
            store.Delete(store.FilesOf(hash));
        }

        return true;
    }

    internal static ProductPicture ToPicture(ProductImage i) => new(i.Hash, i.Format, i.Width, i.Height, i.Widths, i.AltText);

    private static async Task<byte[]?> ReadAtMostAsync(Stream content, long maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>A session-level advisory lock on one picture hash, held across a commit (a transaction lock is not).</summary>
    private sealed class HashLock(StoreDbContext db, int key) : IAsyncDisposable
    {
        public static async Task<HashLock> TakeAsync(StoreDbContext db, string hash, CancellationToken ct)
        {
            var key = unchecked((int)Convert.ToUInt32(hash[..8], 16));
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock(hashtext('product-image'), {key})", ct);
            }
            catch
            {
                await db.Database.CloseConnectionAsync();
                throw;
            }

            return new HashLock(db, key);
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock(hashtext('product-image'), {key})", CancellationToken.None);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }
}
