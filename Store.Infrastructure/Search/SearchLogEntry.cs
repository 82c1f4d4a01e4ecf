namespace Store.Infrastructure.Search;

/// <summary>One shopper search, written in batches by <see cref="SearchLogWriter"/>.</summary>
public sealed class SearchLogEntry
{
    private SearchLogEntry()
    {
    }

    public long Id { get; private set; }
    public string Query { get; private set; } = "";
    public int ResultCount { get; private set; }
    public DateTimeOffset SearchedAt { get; private set; }
}
