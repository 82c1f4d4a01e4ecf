using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Store.Infrastructure.Data;
using Store.Infrastructure.Search;
using Store.Tests.Support;

namespace Store.Tests.Features.Search;

public class SynonymAndLogTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Search_WhenSynonymGroupIsAdded_FindsProductsNamedByTheOtherTerm()
    {
        var before = await SearchAsync(new SearchQuery { Text = "jumper" });
        await using (var scope = db.Scope())
        {
            Assert.True((await db.Get<SynonymService>(scope).AddAsync("jumper, pullover")).IsSuccess);
        }

        var after = await SearchAsync(new SearchQuery { Text = "jumper" });

        Assert.DoesNotContain(before.Items, p => p.Name.Contains("Pullover", StringComparison.Ordinal));
        Assert.Null(after.DidYouMean);
        Assert.True(after.Total >= 4);
        Assert.All(after.Items, p => Assert.Contains("Pullover", p.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddSynonym_WhenFewerThanTwoTerms_Fails()
    {
        await using var scope = db.Scope();

        Assert.False((await db.Get<SynonymService>(scope).AddAsync("tee, Tee")).IsSuccess);
    }

    [Fact]
    public async Task Report_CountsFirstLooksAndListsQueriesThatFoundNothing()
    {
        await SearchAsync(new SearchQuery { Text = "Tent", Record = true });
        await SearchAsync(new SearchQuery { Text = "tent ", Record = true });
        await SearchAsync(new SearchQuery { Text = "tent", Record = true, Page = 2 });
        await SearchAsync(new SearchQuery { Text = "tent", Record = true, Brands = ["Oakline"] });
        await SearchAsync(new SearchQuery { Text = "qzxwvjk", Record = true });
        await using var scope = db.Scope();
        var report = db.Get<SearchReport>(scope);

        var top = await report.TopQueriesAsync(7, 10);
        var zero = await report.ZeroResultQueriesAsync(7, 10);

        var tent = Assert.Single(top, s => s.Query == "tent");
        Assert.Equal(2, tent.Searches);
        Assert.True(tent.LastResultCount > 0);
        Assert.Equal("qzxwvjk", Assert.Single(zero).Query);
    }

    [Fact]
    public async Task LogWriter_WhenMoreRowsWaitThanOneInsertTakes_WritesThemAllOnFlush()
    {
        var writer = db.Services.GetRequiredService<SearchLogWriter>();
        for (var i = 0; i < 2_500; i++)
        {
            writer.Add("bulk-query", 3);
        }

        await writer.FlushAsync();

        await using var scope = db.Scope();
        var rows = await db.Get<StoreDbContext>(scope).Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM search_log WHERE query = 'bulk-query' AND result_count = 3").SingleAsync();
        Assert.Equal(2_500, rows);
    }

    private async Task<SearchResult> SearchAsync(SearchQuery query)
    {
        await using var scope = db.Scope();
        return await db.Get<ProductSearch>(scope).SearchAsync(query);
    }
}
