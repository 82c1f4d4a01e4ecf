namespace Store.Domain.Catalog;

/// <summary>One way a product varies (Size: S, M, L); the variants are the combinations of all its options' values.</summary>
public sealed class ProductOption
{
    public const int MaxNameLength = 30;
    public const int MaxValueLength = 30;

    private ProductOption()
    {
    }

    internal ProductOption(string name, int position, IReadOnlyList<string> values)
    {
        Name = name;
        Position = position;
        Values = [.. values];
    }

    public int Id { get; private set; }
    public int ProductId { get; private set; }
    public string Name { get; private set; } = "";
    public int Position { get; private set; }
    public List<string> Values { get; private set; } = [];
}
