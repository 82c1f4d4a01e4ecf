namespace Store.Domain.Content;

/// <summary>
/// One of the store's own pages (contact, shipping and returns, privacy, terms), written by the owner in Markdown. A
/// page the owner has not edited yet has no row and shows <see cref="ContentPageDefaults"/>.
/// </summary>
public sealed class ContentPage
{
    public const int MaxTitleLength = 120;
    public const int MaxBodyLength = 50_000;

    private ContentPage()
    {
    }

    public ContentPage(string slug, string title, string body, string actor, DateTimeOffset now)
    {
        Slug = slug;
        Edit(title, body, actor, now);
    }

    public string Slug { get; private set; } = "";
    public string Title { get; private set; } = "";

    /// <summary>Markdown as the owner typed it; turned into sanitised HTML when shown.</summary>
    public string Body { get; private set; } = "";

    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    public void Edit(string title, string body, string actor, DateTimeOffset now)
    {
        Title = title.Trim();
        Body = body.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        UpdatedBy = actor;
        UpdatedAt = now;
    }

    /// <summary>What is wrong with a page as the owner typed it, by field; empty when it can be saved.</summary>
    public static IReadOnlyDictionary<string, string> Validate(string? title, string? body)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(title))
        {
            errors["title"] = "Give the page a title.";
        }
        else if (title.Trim().Length > MaxTitleLength)
        {
            errors["title"] = $"The title can have at most {MaxTitleLength} characters.";
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            errors["body"] = "Write the page's text (Markdown).";
        }
        else if (body.Length > MaxBodyLength)
        {
            errors["body"] = $"The text can have at most {MaxBodyLength:N0} characters.";
        }

        return errors;
    }
}
