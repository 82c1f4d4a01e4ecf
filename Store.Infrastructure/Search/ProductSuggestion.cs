namespace Store.Infrastructure.Search;

public sealed record ProductSuggestion(string Name, string Slug);
