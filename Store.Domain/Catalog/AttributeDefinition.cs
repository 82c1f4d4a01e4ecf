namespace Store.Domain.Catalog;

/// <summary>A typed product attribute (material: text, waterproof: yes/no); products give it a value, shoppers filter by it.</summary>
public sealed class AttributeDefinition
{
    private AttributeDefinition()
    {
    }

    public AttributeDefinition(string code, string name, AttributeType type)
    {
        if (!Common.Slug.IsValid(code) || code.Length > 40)
        {
            throw new ArgumentException("An attribute code is lower-case letters, digits and dashes, at most 40.", nameof(code));
        }

        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 60)
        {
            throw new ArgumentException("An attribute name is 1 to 60 characters.", nameof(name));
        }

        Code = code;
        Name = name.Trim();
        Type = type;
    }

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public AttributeType Type { get; private set; }
}
