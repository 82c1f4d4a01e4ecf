namespace Store.Domain.Search;

/// <summary>A group of words a shopper may use for the same thing ("tee", "t-shirt"); a query word in the group matches any of them.</summary>
public sealed class SearchSynonym
{
    public const int MaxLength = 300;

    private SearchSynonym()
    {
    }

    private SearchSynonym(string terms) => Terms = terms;

    public int Id { get; private set; }

    /// <summary>Lower-case terms separated by ", ", at least two, no duplicates.</summary>
    public string Terms { get; private set; } = "";

    public IReadOnlyList<string> TermList => Terms.Split(", ");

    public static SearchSynonym? Create(string input)
    {
        var terms = Parse(input);
        return terms.Count < 2 ? null : new SearchSynonym(string.Join(", ", terms));
    }

    public static IReadOnlyList<string> Parse(string input) =>
        input.Split([',', ';', '='], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => string.Join(' ', t.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .Where(t => t.Length is > 0 and <= 50)
            .Distinct()
            .ToList();
}
