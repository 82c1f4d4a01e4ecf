using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Domain.Search;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Search;

/// <summary>Admin-managed synonym groups; the whole table is small, so searches read it from the catalog cache.</summary>
public sealed class SynonymService(StoreDbContext db, CatalogCache cache)
{
    public async Task<IReadOnlyList<SearchSynonym>> ListAsync(CancellationToken ct = default) =>
        await db.Set<SearchSynonym>().AsNoTracking().OrderBy(s => s.Terms).ToListAsync(ct);

    public async Task<Result<int>> AddAsync(string terms, CancellationToken ct = default)
    {
        var synonym = SearchSynonym.Create(terms);
        if (synonym is null || synonym.Terms.Length > SearchSynonym.MaxLength)
        {
            return new DomainError("synonym_invalid", "Give at least two different terms, separated by commas.");
        }

        db.Add(synonym);
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        return synonym.Id;
    }

    public async Task DeleteAsync(int id, CancellationToken ct = default)
    {
        await db.Set<SearchSynonym>().Where(s => s.Id == id).ExecuteDeleteAsync(ct);
        cache.Invalidate();
    }

    /// <summary>Each term to all the terms of its groups (itself first).</summary>
    public Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> MapAsync(CancellationToken ct = default) =>
        cache.GetOrLoadAsync<IReadOnlyDictionary<string, IReadOnlyList<string>>>("synonyms", async () =>
        {
            var groups = (await ListAsync(ct)).Select(s => s.TermList).ToList();
            return groups.SelectMany(g => g).Distinct().ToDictionary(
                t => t,
                t => (IReadOnlyList<string>)[t, .. groups.Where(g => g.Contains(t)).SelectMany(g => g).Where(o => o != t).Distinct()]);
        });
}
