namespace Store.Domain.Catalog;

/// <summary>A node of the category tree: its parent (null at the top) and its position among its siblings.</summary>
public sealed class Category
{
    public const int MaxNameLength = 100;
    public const int MaxSlugLength = 120;

    private Category()
    {
    }

    public Category(string name, string slug, string description, int sortOrder, int? parentId = null)
    {
        Describe(name, slug, description, "", "");
        SortOrder = sortOrder;
        ParentId = parentId;
    }

    public int Id { get; private set; }
    public int? ParentId { get; private set; }
    public string Name { get; private set; } = "";
    public string Slug { get; private set; } = "";
    public string Description { get; private set; } = "";

    /// <summary>Position among its siblings, lowest first.</summary>
    public int SortOrder { get; private set; }

    /// <summary>The page title search engines show; the name when empty.</summary>
    public string SeoTitle { get; private set; } = "";

    /// <summary>The meta description; the description when empty.</summary>
    public string SeoDescription { get; private set; } = "";

    public void Describe(string name, string slug, string description, string seoTitle, string seoDescription)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength)
        {
            throw new ArgumentException($"A category name is 1 to {MaxNameLength} characters.", nameof(name));
        }

        if (!Common.Slug.IsValid(slug) || slug.Length > MaxSlugLength)
        {
            throw new ArgumentException("A slug is lower-case letters, digits and single dashes.", nameof(slug));
        }

        Name = name.Trim();
        Slug = slug;
        Description = description.Trim();
        SeoTitle = seoTitle.Trim();
        SeoDescription = seoDescription.Trim();
    }

    /// <summary>Moves the category; <see cref="CategoryTree.CanMove"/> says whether the move keeps a tree.</summary>
    public void MoveTo(int? parentId, int sortOrder)
    {
        if (parentId == Id && Id != 0)
        {
            throw new InvalidOperationException("A category cannot be its own parent.");
        }

        ParentId = parentId;
        SortOrder = sortOrder;
    }
}
