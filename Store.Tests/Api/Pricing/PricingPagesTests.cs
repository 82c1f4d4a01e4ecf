using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Store.Infrastructure.Data;
using Store.Infrastructure.Pricing;
using Store.Tests.Support;

namespace Store.Tests.Api.Pricing;

public class PricingPagesTests(StoreAppFactory app) : IClassFixture<StoreAppFactory>
{
    [Fact]
    public async Task ProductAndCategoryPages_WhenAProductIsOnSale_StrikeThroughTheRegularPriceAndSayWhy()
    {
        using var scope = app.Services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        var product = await context.Products.OrderBy(p => p.Id).Skip(60)
            .Select(p => new { p.Id, p.Slug, p.CategoryId, Category = p.Category!.Slug, Prices = p.Variants.Select(v => v.PriceMinor).ToList() })
            .FirstAsync();
        var listed = await context.Products.Where(p => p.IsPublished && p.CategoryId == product.CategoryId).OrderBy(p => p.Name).ThenBy(p => p.Id).Select(p => p.Id).ToListAsync();
        var page = (listed.IndexOf(product.Id) / 12) + 1;
        var saved = await scope.ServiceProvider.GetRequiredService<PricingAdminService>()
            .SaveSaleAsync(null, new SaleForm(product.Slug, true, "Sale", 20m, null, DateTimeOffset.UtcNow.AddMinutes(-1), new DateTimeOffset(2099, 11, 30, 0, 0, 0, TimeSpan.Zero)), "owner");
        Assert.True(saved.IsSuccess, saved.Error?.Message);
        var client = app.CreateClient();

        var productPage = WebUtility.HtmlDecode(await client.GetStringAsync($"/p/{product.Slug}"));
        var categoryPage = WebUtility.HtmlDecode(await client.GetStringAsync($"/c/{product.Category}?page={page}"));

        // The card shows the lowest option's price, the product page the option it selects (the cheapest one in stock).
        var usd = Store.Domain.Common.MoneyFormat.For(System.Globalization.CultureInfo.GetCultureInfo("en-US"));
        var regulars = product.Prices.Select(p => usd.Format(new Store.Domain.Common.Money(p, "USD"))).ToList();
        foreach (var html in new[] { productPage, categoryPage })
        {
            Assert.Contains("Sale −20 % until 30 Nov", html, StringComparison.Ordinal);
            Assert.Contains(regulars, r => html.Contains($"<span class=\"visually-hidden\">Regular price </span><span class=\"price\">{r}</span></s>", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("/admin/pricing/sales")]
    [InlineData("/admin/pricing/markdowns")]
    [InlineData("/admin/pricing/groups")]
    public async Task PricingAdminPages_AreServedToStaffAndRedirectAnonymousShoppers(string url)
    {
        var anonymous = await app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync(url);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await HttpForms.SignInAsync(client, StoreAppFactory.AdminEmail, StoreAppFactory.AdminPassword);

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("_framework/blazor.web.js", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
