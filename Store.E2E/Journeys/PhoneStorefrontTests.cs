using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Store.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace Store.E2E.Journeys;

/// <summary>
/// The storefront on phones (390×844, 360×780 and 430×932): no page is wider than the screen, the categories are in a menu
/// drawer, search filters wait behind a "Filters" toggle, form text is 16 px or more (iOS zooms into smaller text on
/// focus) and the header's and footer's links and buttons are at least 44 px tall. Home, category and product at
/// 390 px are kept as screenshots under bin/…/screenshots/storefront, and in docs/screenshots when
/// STORE_DOCS_SCREENSHOTS=1.
/// </summary>
[Collection(PicturedStorefrontCollection.Name)]
public sealed partial class PhoneStorefrontTests(PicturedStoreAppFixture store, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const int MinTapTarget = 44;
    private const double MinInputFontSize = 16;

    [Theory]
    [InlineData(390, 844)]
    [InlineData(360, 780)]
    [InlineData(430, 932)]
    public async Task Storefront_AtPhoneWidth_FitsTheScreenWithAMenuDrawerFiltersToggleAndTappableTargets(int width, int height)
    {
        var page = await browser.NewVisitorAsync(store.App.BaseUrl);
        var keepScreenshots = width == 390;
        try
        {
            await page.SetViewportSizeAsync(width, height);
            var shop = new StorefrontPages(page);

            await shop.OpenHomeAsync();
            await ExpectPhoneFitAsync(page, "home");
            await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Categories", Exact = true })).ToBeHiddenAsync();
            if (keepScreenshots)
            {
                await ScreenshotAsync(page, "home", width);
            }

            var menu = page.GetByTestId("menu");
            var drawer = page.GetByTestId("menu-drawer");
            await Expect(page.GetByTestId("menu-button")).ToHaveAccessibleNameAsync("Menu");
            await Expect(drawer).ToBeHiddenAsync();
            await page.GetByTestId("menu-button").ClickAsync();
            await Expect(drawer).ToBeVisibleAsync();
            await Expect(menu).ToHaveJSPropertyAsync("open", true);
            await ExpectTapTargetsAsync(page);
            await ExpectPhoneFitAsync(page, "home, menu open");

            await drawer.GetByRole(AriaRole.Link, new() { Name = "Jackets", Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(CategoryUrl());
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Jackets");
            await Expect(drawer).ToBeHiddenAsync();
            await ExpectPhoneFitAsync(page, "category");
            if (keepScreenshots)
            {
                await ScreenshotAsync(page, "category", width);
            }

            await shop.OpenProductWithStockAsync();
            await ExpectPhoneFitAsync(page, "product");
            if (keepScreenshots)
            {
                await ScreenshotAsync(page, "product", width);
            }

            await shop.AddToCartAsync(1);
            await Expect(shop.CartLines).ToHaveCountAsync(1);
            await ExpectPhoneFitAsync(page, "cart");
            var line = shop.CartLines.First;
            foreach (var part in new[] { line.Locator("input[type=number]"), line.GetByRole(AriaRole.Button, new() { NameRegex = RemoveName() }) })
            {
                await Expect(part).ToBeInViewportAsync();
            }

            await shop.GoToCheckoutAsync();
            await ExpectPhoneFitAsync(page, "checkout");

            await page.OpenAsync("/search?q=jacket");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("jacket");
            var facets = page.GetByTestId("facets");
            await Expect(facets).ToBeHiddenAsync();
            await Expect(page.GetByTestId("product-grid").GetByTestId("product-card").First).ToBeInViewportAsync();
            await ExpectPhoneFitAsync(page, "search");
            await page.GetByTestId("filters-button").ClickAsync();
            await Expect(facets).ToBeVisibleAsync();
            await Expect(page.GetByTestId("facet-brand").GetByRole(AriaRole.Link).First).ToBeVisibleAsync();
            await ExpectPhoneFitAsync(page, "search, filters open");

            foreach (var path in new[] { "/account/login", "/account/register", "/account/forgot-password" })
            {
                await page.OpenAsync(path);
                await ExpectPhoneFitAsync(page, path);
            }
        }
        catch (Exception e)
        {
            throw await FailureEvidence.CollectAsync(e, $"{nameof(PhoneStorefrontTests)}-{width}", store.App, [page]);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>
    /// Nothing reaches past the right edge (the page would scroll sideways) and every visible form field has text of
    /// 16 px or more; the failure names the offending elements.
    /// </summary>
    private static async Task ExpectPhoneFitAsync(IPage page, string what)
    {
        // Measuring before the stylesheet has arrived (a full page load on a busy machine) would lay out the bare HTML.
        await page.WaitForLoadStateAsync(LoadState.Load);
        var fit = await page.EvaluateAsync<JsonElement>("""
            () => {
                const viewport = window.innerWidth;
                const describe = e => e.tagName.toLowerCase()
                    + (e.id ? '#' + e.id : '')
                    + (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\s+/).join('.') : '')
                    + (e.dataset.testid ? `[data-testid=${e.dataset.testid}]` : '');
                const wide = [];
                for (const e of document.querySelectorAll('body *')) {
                    const box = e.getBoundingClientRect();
                    if (box.width > 0 && box.height > 0 && (box.right > viewport + 0.5 || box.width > viewport + 0.5)) {
                        wide.push(`${describe(e)} (${Math.round(box.left)}–${Math.round(box.right)} px)`);
                    }
                }
                const smallText = [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                    .filter(e => e.getClientRects().length > 0 && parseFloat(getComputedStyle(e).fontSize) < 16)
                    .map(e => `${describe(e)} (${getComputedStyle(e).fontSize})`);
                return { viewport, scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 20), smallText };
            }
            """);
        var viewport = fit.GetProperty("viewport").GetInt32();
        var scrollWidth = fit.GetProperty("scrollWidth").GetInt32();
        var wide = fit.GetProperty("wide").EnumerateArray().Select(e => e.GetString()).ToList();
        var smallText = fit.GetProperty("smallText").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.True(scrollWidth <= viewport && wide.Count == 0,
            $"{what} at {viewport} px is {scrollWidth} px wide; elements past the right edge: {string.Join(", ", wide)}");
        Assert.True(smallText.Count == 0, $"{what}: form fields under {MinInputFontSize} px text: {string.Join(", ", smallText)}");
    }

    /// <summary>Every visible link and button in the header (the open drawer included) and the footer is at least 44 px tall.</summary>
    private static async Task ExpectTapTargetsAsync(IPage page)
    {
        var small = await page.EvaluateAsync<string[]>("""
            min => [...document.querySelectorAll('header a, header button, header summary, footer a, footer button')]
                .filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
                .map(e => ({ e, box: e.getBoundingClientRect() }))
                .filter(t => t.box.height < min)
                .map(t => `${t.e.tagName.toLowerCase()} "${t.e.textContent.trim()}" (${Math.round(t.box.height)} px)`)
            """, MinTapTarget);
        Assert.True(small.Length == 0, $"tap targets under {MinTapTarget} px: {string.Join(", ", small)}");
        var found = await page.Locator("header a:visible, header summary:visible, footer a:visible").CountAsync();
        Assert.True(found >= 10, $"only {found} header and footer tap targets were measured");
    }

    /// <summary>A full-page screenshot once every picture has loaded (lazy ones load when scrolled to).</summary>
    private static async Task ScreenshotAsync(IPage page, string name, int width)
    {
        foreach (var image in await page.Locator("main img").AllAsync())
        {
            await image.ScrollIntoViewIfNeededAsync();
            await Expect(image).ToHaveJSPropertyAsync("complete", true);
        }

        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        var folder = Path.Combine(TestPaths.ScreenshotDirectory, "storefront");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{name}-{width}.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        if (Environment.GetEnvironmentVariable("STORE_DOCS_SCREENSHOTS") == "1")
        {
            File.Copy(path, Path.Combine(TestPaths.RepositoryRoot, "docs", "screenshots", $"{name}-{width}.png"), overwrite: true);
        }
    }

    [GeneratedRegex(@"/c/jackets$")]
    private static partial Regex CategoryUrl();

    [GeneratedRegex("^Remove")]
    private static partial Regex RemoveName();
}
