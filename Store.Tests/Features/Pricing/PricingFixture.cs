using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Store.Domain.Common;
using Store.Infrastructure.Data;
using Store.Infrastructure.Pricing;
using Store.Tests.Support;

namespace Store.Tests.Features.Pricing;

/// <summary>A class database whose services read a <see cref="TestClock"/>, so sale windows and "days without a sale" can be crossed.</summary>
public sealed class PricingFixture : DatabaseFixture
{
    public TestClock Clock { get; } = new();

    public async Task<(string Sku, long RegularMinor, int ProductId, string ProductSlug)> VariantAsync(int variantId)
    {
        await using var scope = Scope();
        var v = await Get<StoreDbContext>(scope).Variants.Where(v => v.Id == variantId)
            .Select(v => new { v.Sku, v.PriceMinor, v.ProductId, v.Product.Slug })
            .SingleAsync();
        return (v.Sku, v.PriceMinor, v.ProductId, v.Slug);
    }

    /// <summary>
    /// The first variant of the <paramref name="productIndex"/>-th product, with <paramref name="units"/> in stock: product-wide
    /// sales and rules of one test never reach another test's variant.
    /// </summary>
    public async Task<int> VariantOfProductAsync(int productIndex, int units)
    {
        int skip;
        await using (var scope = Scope())
        {
            var context = Get<StoreDbContext>(scope);
            var first = await context.Products.OrderBy(p => p.Id).Skip(productIndex).Select(p => p.Variants.Min(v => v.Id)).FirstAsync();
            skip = await context.Variants.CountAsync(v => v.Id < first);
        }

        return await StoreScenario.VariantWithStockAsync(this, units, skip);
    }

    public async Task<int> SaleAsync(SaleForm form)
    {
        await using var scope = Scope();
        var saved = await Get<PricingAdminService>(scope).SaveSaleAsync(null, form, "owner@example.com");
        Assert.True(saved.IsSuccess, saved.Error?.Message);
        return saved.Value;
    }

    public async Task<int> RuleAsync(MarkdownRuleForm form)
    {
        await using var scope = Scope();
        var saved = await Get<PricingAdminService>(scope).SaveRuleAsync(null, form, "owner@example.com");
        Assert.True(saved.IsSuccess, saved.Error?.Message);
        return saved.Value;
    }

    public async Task<MarkdownRun> EvaluateAsync()
    {
        await using var scope = Scope();
        return await Get<MarkdownService>(scope).EvaluateAsync();
    }

    protected override void ConfigureServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<IClock>(Clock);
}
