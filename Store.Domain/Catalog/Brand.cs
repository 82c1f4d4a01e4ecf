namespace Store.Domain.Catalog;

public sealed class Brand
{
    public const int MaxNameLength = 100;

    private Brand()
    {
    }

    public Brand(string name, string slug, string description = "")
    {
        Describe(name, slug, description);
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Slug { get; private set; } = "";
    public string Description { get; private set; } = "";

    public void Describe(string name, string slug, string description)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength)
        {
            throw new ArgumentException($"A brand name is 1 to {MaxNameLength} characters.", nameof(name));
        }

        if (!Common.Slug.IsValid(slug) || slug.Length > 120)
        {
            throw new ArgumentException("A slug is lower-case letters, digits and single dashes.", nameof(slug));
        }

        Name = name.Trim();
        Slug = slug;
        Description = description.Trim();
    }
}
