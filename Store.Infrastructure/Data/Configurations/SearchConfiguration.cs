using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Store.Domain.Search;
using Store.Infrastructure.Search;

namespace Store.Infrastructure.Data.Configurations;

public sealed class SearchSynonymConfiguration : IEntityTypeConfiguration<SearchSynonym>
{
    public void Configure(EntityTypeBuilder<SearchSynonym> b)
    {
        b.ToTable("search_synonyms");
        b.Property(s => s.Terms).HasMaxLength(SearchSynonym.MaxLength);
        b.Ignore(s => s.TermList);
    }
}

public sealed class SearchLogEntryConfiguration : IEntityTypeConfiguration<SearchLogEntry>
{
    public void Configure(EntityTypeBuilder<SearchLogEntry> b)
    {
        b.ToTable("search_log");
        b.Property(s => s.Query).HasMaxLength(SearchQuery.MaxQueryLength);
        b.HasIndex(s => s.SearchedAt);
    }
}
