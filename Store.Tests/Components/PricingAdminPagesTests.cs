using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Store.Infrastructure;
using Store.Infrastructure.Data;
using Store.Tests.Support;
using Store.Web.Admin.Pricing;

namespace Store.Tests.Components;

/// <summary>The admin pricing pages over the class's own database (their services are the real ones).</summary>
public class PricingAdminPagesTests : AdminPageContext, IClassFixture<DatabaseFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly DatabaseFixture db;

    public PricingAdminPagesTests(DatabaseFixture db)
        : base(db.ConnectionString, "owner@store.local")
    {
        this.db = db;
    }

    [Fact]
    public async Task SalePricesPage_WhenThePercentIsOutOfRange_ShowsTheErrorAtTheFieldAndSavesNothing()
    {
        var slug = await ProductSlugAsync(50);
        var cut = Render<SalePricesPage>();
        cut.WaitForAssertion(() => Assert.Contains("No sales yet", cut.Find("[data-testid=sales]").TextContent), Wait);

        cut.Find("input[data-testid=sale-target]").Change(slug);
        cut.Find("input[data-testid=sale-percent]").Change("150");
        await cut.Find("button[data-testid=sale-save]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("more than 0 and less than 100", cut.Find("[data-testid=sale-form]").TextContent), Wait);
        Assert.Equal(0, await SalesAsync());

        cut.Find("input[data-testid=sale-percent]").Change("20");
        await cut.Find("button[data-testid=sale-save]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("−20 %", cut.Find("[data-testid=sales]").TextContent), Wait);
        Assert.Equal(1, await SalesAsync());
        Assert.DoesNotContain("more than 0", cut.Find("[data-testid=sale-form]").TextContent);
    }

    [Fact]
    public async Task MarkdownRulesPage_WhenTheProductIsUnknown_ShowsTheErrorThenCreatesTheRuleAndEndsIt()
    {
        var slug = await ProductSlugAsync(51);
        var cut = Render<MarkdownRulesPage>();
        cut.WaitForAssertion(() => Assert.Contains("No markdown rules yet", cut.Find("[data-testid=rules]").TextContent), Wait);

        cut.Find("input[data-testid=rule-name]").Change("Slow movers");
        cut.Find("input[data-testid=rule-product]").Change("no-such-product");
        await cut.Find("button[data-testid=rule-save]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Contains("No product has the slug", cut.Find("[data-testid=rule-form]").TextContent), Wait);

        cut.Find("input[data-testid=rule-product]").Change(slug);
        await cut.Find("button[data-testid=rule-save]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Contains("Slow movers", cut.Find("[data-testid=rules]").TextContent), Wait);

        await cut.FindAll("[data-testid=rules] button").Single(b => b.TextContent.Contains("End", StringComparison.Ordinal)).ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Contains("Ended", cut.Find("[data-testid=rules]").TextContent), Wait);
        await using var scope = db.Scope();
        Assert.True(await db.Get<StoreDbContext>(scope).AuditLog.AnyAsync(a => a.Action == "markdown_rule.ended" && a.Actor == "owner@store.local"));
    }

    [Fact]
    public async Task CustomerGroupsPage_WhenATierStartsBelowTwo_ShowsTheErrorAtTheFieldThenSavesTheTier()
    {
        string sku;
        await using (var scope = db.Scope())
        {
            sku = await db.Get<StoreDbContext>(scope).Variants.OrderBy(v => v.Id).Skip(52).Select(v => v.Sku).FirstAsync();
        }

        var cut = Render<CustomerGroupsPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=tiers]")), Wait);

        cut.Find("input[data-testid=tier-sku]").Change(sku);
        cut.Find("input[data-testid=tier-min]").Change("1");
        cut.Find("input[data-testid=tier-price]").Change("5.00");
        await cut.Find("button[data-testid=tier-save]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("A tier starts at 2 units or more.", cut.Find("[data-testid=tier-form]").TextContent), Wait);
        Assert.Equal(0, await TiersAsync());

        cut.Find("input[data-testid=tier-min]").Change("3");
        await cut.Find("button[data-testid=tier-save]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("3+", cut.Find("[data-testid=tiers]").TextContent), Wait);
        Assert.Contains(sku, cut.Find("[data-testid=tiers]").TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await TiersAsync());
        Assert.DoesNotContain("A tier starts at", cut.Find("[data-testid=tier-form]").TextContent);
    }

    private async Task<int> TiersAsync()
    {
        await using var scope = db.Scope();
        return await db.Get<StoreDbContext>(scope).QuantityTiers.CountAsync();
    }

    private async Task<string> ProductSlugAsync(int index)
    {
        await using var scope = db.Scope();
        return await db.Get<StoreDbContext>(scope).Products.OrderBy(p => p.Id).Skip(index).Select(p => p.Slug).FirstAsync();
    }

    private async Task<int> SalesAsync()
    {
        await using var scope = db.Scope();
        return await db.Get<StoreDbContext>(scope).SalePrices.CountAsync();
    }
}
