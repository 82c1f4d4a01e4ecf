using System.Text.Json;
using Store.E2E.Support;

namespace Store.E2E.Journeys;

/// <summary>A phone's browser can install the store: it finds the manifest and its icons, and runs the service worker.</summary>
public sealed class InstallableStorefrontTests(StoreAppFixture store, BrowserFixture browser)
    : IClassFixture<StoreAppFixture>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Storefront_WhenOpened_RegistersAnActiveWorkerFindsTheManifestAndShowsTheOfflinePage()
    {
        var page = await browser.NewVisitorAsync(store.App.BaseUrl);
        try
        {
            await page.GotoAsync("/");
            var worker = await page.EvaluateAsync<JsonElement>("""
                async () => {
                    const registration = await navigator.serviceWorker.ready;
                    const active = registration.active;
                    if (active && active.state === 'activating') {
                        await new Promise(resolve => active.addEventListener('statechange', resolve, { once: true }));
                    }

                    return { state: registration.active?.state ?? null, script: registration.active?.scriptURL ?? null, scope: registration.scope };
                }
                """);
            Assert.Equal("activated", worker.GetProperty("state").GetString());
            Assert.EndsWith("/sw.js", worker.GetProperty("script").GetString());
            Assert.Equal(store.App.BaseUrl.ToString(), worker.GetProperty("scope").GetString());

            var manifest = await page.EvaluateAsync<JsonElement>("""
                async () => {
                    const link = document.querySelector('link[rel="manifest"]');
                    const response = await fetch(link.href);
                    const body = await response.json();
                    const icons = await Promise.all(body.icons.map(async icon => {
                        const image = await fetch(new URL(icon.src, link.href));
                        return { sizes: icon.sizes, purpose: icon.purpose, status: image.status, type: image.headers.get('content-type') };
                    }));
                    return { type: response.headers.get('content-type'), name: body.name, display: body.display, startUrl: body.start_url, icons };
                }
                """);
            Assert.Equal("application/manifest+json", manifest.GetProperty("type").GetString()!.Split(';')[0]);
            Assert.Equal("standalone", manifest.GetProperty("display").GetString());
            Assert.Equal("/", manifest.GetProperty("startUrl").GetString());
            var icons = manifest.GetProperty("icons").EnumerateArray().ToList();
            Assert.All(icons, i => Assert.Equal((200, "image/png"), (i.GetProperty("status").GetInt32(), i.GetProperty("type").GetString())));
            foreach (var sizes in new[] { "192x192", "512x512" })
            {
                Assert.Contains(icons, i => i.GetProperty("sizes").GetString() == sizes && i.GetProperty("purpose").GetString() == "maskable");
                Assert.Contains(icons, i => i.GetProperty("sizes").GetString() == sizes && i.GetProperty("purpose").GetString() == "any");
            }

            // The worker claims the page; then the cart and a category page are visited with it in control.
            await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");
            await page.GotoAsync("/cart");
            await page.GotoAsync("/c/jackets");
            var cached = await page.EvaluateAsync<string[]>("""
                async () => {
                    const urls = [];
                    for (const name of await caches.keys()) {
                        for (const request of await (await caches.open(name)).keys()) {
                            urls.push(new URL(request.url).pathname);
                        }
                    }
                    return urls;
                }
                """);
            Assert.Contains("/offline", cached);
            Assert.Contains(cached, u => u.EndsWith(".css", StringComparison.Ordinal));
            Assert.DoesNotContain(cached, u => u is "/cart" or "/c/jackets" || u.StartsWith("/api/", StringComparison.Ordinal) || u.StartsWith("/account", StringComparison.Ordinal) || u.StartsWith("/checkout", StringComparison.Ordinal) || u.StartsWith("/admin", StringComparison.Ordinal));

            // With the network gone, a page that cannot load shows the cached offline page instead of the browser's error.
            await page.Context.SetOfflineAsync(true);
            await page.GotoAsync("/c/footwear");
            await Microsoft.Playwright.Assertions.Expect(page.GetByTestId("offline")).ToContainTextAsync("You are offline");
        }
        catch (Exception e)
        {
            throw await FailureEvidence.CollectAsync(e, nameof(Storefront_WhenOpened_RegistersAnActiveWorkerFindsTheManifestAndShowsTheOfflinePage), store.App, [page]);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
