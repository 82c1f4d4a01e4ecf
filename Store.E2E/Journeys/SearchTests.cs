using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Store.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace Store.E2E.Journeys;

/// <summary>A shopper who cannot spell finds what they meant, narrows it down and is shown more to look at.</summary>
public sealed partial class SearchTests(StoreAppFixture store, BrowserFixture browser)
    : IClassFixture<StoreAppFixture>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Search_WhenTheWordIsMisspelt_FindsItNarrowsByAFacetAndRecommendsMore()
    {
        var page = await browser.NewVisitorAsync(store.App.BaseUrl);
        try
        {
            await page.GotoAsync("/");
            await page.GetByTestId("header-search").FillAsync("hoddie");
            await page.GetByTestId("header-search").PressAsync("Enter");

            await Expect(page).ToHaveURLAsync(SearchUrl());
            await Expect(page.GetByTestId("did-you-mean")).ToContainTextAsync("hoodie");
            var cards = page.GetByTestId("product-grid").GetByTestId("product-card");
            await Expect(cards.First).ToBeVisibleAsync();
            var before = await cards.CountAsync();

            // Narrow by the first brand offered; the filter lives in the URL, so the result can be shared.
            var brand = page.GetByTestId("facet-brand").GetByRole(AriaRole.Link).First;
            var brandCount = int.Parse(CountPattern().Match(await brand.InnerTextAsync()).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            await brand.ClickAsync();
            await Expect(page).ToHaveURLAsync(BrandUrl());
            await Expect(page.GetByTestId("search-total")).ToContainTextAsync($"{brandCount} product");
            Assert.True(brandCount <= before);

            await cards.First.GetByRole(AriaRole.Link).First.ClickAsync();
            await Expect(page).ToHaveURLAsync(ProductUrl());
            await Expect(page.GetByTestId("similar")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("similar").GetByTestId("product-card").First).ToBeVisibleAsync();

            // A second product page remembers the first under "Recently viewed".
            await page.GetByTestId("similar").GetByTestId("product-card").First.GetByRole(AriaRole.Link).First.ClickAsync();
            await Expect(page.GetByTestId("recently-viewed")).ToBeVisibleAsync();
        }
        catch (Exception e)
        {
            throw await FailureEvidence.CollectAsync(e, nameof(Search_WhenTheWordIsMisspelt_FindsItNarrowsByAFacetAndRecommendsMore), store.App, [page]);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [GeneratedRegex(@"/search\?q=hoddie")]
    private static partial Regex SearchUrl();

    [GeneratedRegex(@"brand=")]
    private static partial Regex BrandUrl();

    [GeneratedRegex(@"/p/[a-z0-9-]+$")]
    private static partial Regex ProductUrl();

    [GeneratedRegex(@"\((\d+)\)")]
    private static partial Regex CountPattern();
}
