namespace Store.Infrastructure.Search;

/// <summary>One shopper search, written by the search statement itself (no extra round trip).</summary>
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
