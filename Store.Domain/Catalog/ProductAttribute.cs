namespace Store.Domain.Catalog;

/// <summary>A product's value for one attribute, stored in the spelling <see cref="AttributeValues.Normalise"/> gives.</summary>
public sealed class ProductAttribute
{
    private ProductAttribute()
    {
    }

    internal ProductAttribute(int attributeId, string value)
    {
        AttributeId = attributeId;
        Value = value;
    }

    public int ProductId { get; private set; }
    public int AttributeId { get; private set; }
    public string Value { get; internal set; } = "";
}
