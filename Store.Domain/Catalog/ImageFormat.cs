namespace Store.Domain.Catalog;

/// <summary>The picture formats a product image may be uploaded in (and the ones the store serves).</summary>
public enum ImageFormat
{
    Jpeg,
    Png,
    Webp,
}
