namespace Store.Domain.Catalog;

public sealed class Category
{
    private Category()
    {
    }

    public Category(string name, string slug, string description, int sortOrder)
    {
        Name = name;
        Slug = slug;
        Description = description;
        SortOrder = sortOrder;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Slug { get; private set; } = "";
    public string Description { get; private set; } = "";
    public int SortOrder { get; private set; }
}
