using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Store.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace Store.E2E.Journeys;

/// <summary>
/// The storefront as a shopper first sees it on a desktop: drawn product pictures (never initials), the first row of
/// pictures loaded at once, no focus ring on the heading after a navigation. Full-page screenshots of home, a
/// category and a product at 1280 px wide are kept under bin/…/screenshots/storefront as evidence (the 390 px ones
/// come from <see cref="PhoneStorefrontTests"/>).
/// </summary>
[Collection(PicturedStorefrontCollection.Name)]
public sealed partial class StorefrontScreenshotTests(PicturedStoreAppFixture store, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Storefront_AtDesktopWidth_ShowsDrawnPicturesAndIsKeptAsScreenshots()
    {
        var page = await browser.NewVisitorAsync(store.App.BaseUrl);
        var folder = Path.Combine(TestPaths.ScreenshotDirectory, "storefront");
        Directory.CreateDirectory(folder);
        try
        {
            const int width = 1280;
            await page.SetViewportSizeAsync(width, 900);

            await page.GotoAsync("/");
            await ExpectFirstPicturesLoadedAsync(page, page.GetByTestId("featured"));
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"home-{width}.png"), FullPage = true });

            // Through the header's link, as a shopper goes: Blazor then focuses the heading, which shows no ring.
            await page.Locator("nav.categories a", new() { HasText = "Jackets" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(CategoryUrl());
            await Expect(page.Locator("h1")).ToContainTextAsync("Jackets");
            Assert.Equal("none", await page.Locator("h1").EvaluateAsync<string>("h => getComputedStyle(h).outlineStyle"));
            await ExpectFirstPicturesLoadedAsync(page, page.GetByTestId("product-grid"));
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"category-{width}.png"), FullPage = true });

            await page.GetByTestId("product-grid").GetByTestId("product-card").First.GetByRole(AriaRole.Link).First.ClickAsync();
            await Expect(page).ToHaveURLAsync(ProductUrl());
            var main = page.Locator(".gallery img").First;
            await Expect(main).ToHaveAttributeAsync("fetchpriority", "high");
            await Expect(main).ToHaveJSPropertyAsync("complete", true);
            Assert.Contains("/media/", await main.EvaluateAsync<string>("img => img.currentSrc"), StringComparison.Ordinal);
            Assert.True(await main.EvaluateAsync<int>("img => img.naturalWidth") >= 320, "the drawn picture was decoded");

            // What the headline says is what the selected option costs.
            var headline = await page.GetByTestId("product-price").Locator(".price").Last.InnerTextAsync();
            var selected = await page.Locator("fieldset input[type=radio]:checked + label .price").Last.InnerTextAsync();
            Assert.Equal(headline, selected);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"product-{width}.png"), FullPage = true });
        }
        catch (Exception e)
        {
            throw await FailureEvidence.CollectAsync(e, nameof(Storefront_AtDesktopWidth_ShowsDrawnPicturesAndIsKeptAsScreenshots), store.App, [page]);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>The grid's first picture is eager and high priority, a drawn WebP copy, decoded; pictures after the first row are lazy.</summary>
    private static async Task ExpectFirstPicturesLoadedAsync(IPage page, ILocator grid)
    {
        var images = grid.Locator("img");
        await Expect(images.First).ToHaveAttributeAsync("fetchpriority", "high");
        await Expect(images.First).ToHaveAttributeAsync("loading", "eager");
        await Expect(images.First).ToHaveJSPropertyAsync("complete", true);
        Assert.EndsWith(".webp", await images.First.EvaluateAsync<string>("img => img.currentSrc"), StringComparison.Ordinal);
        if (await images.CountAsync() > 4)
        {
            await Expect(images.Nth(4)).ToHaveAttributeAsync("loading", "lazy");
        }

        // Lazy pictures load once scrolled to: bring each into view so the full-page screenshot shows them all.
        foreach (var image in await images.AllAsync())
        {
            await image.ScrollIntoViewIfNeededAsync();
            await Expect(image).ToHaveJSPropertyAsync("complete", true);
        }

        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
    }

    [GeneratedRegex(@"/c/jackets$")]
    private static partial Regex CategoryUrl();

    [GeneratedRegex(@"/p/[a-z0-9-]+$")]
    private static partial Regex ProductUrl();
}
