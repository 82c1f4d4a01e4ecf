using Microsoft.Playwright;

namespace Store.E2E.Support;

/// <summary>
/// One headless Chromium for a test class: Debian's /usr/bin/chromium, since Playwright's own browser builds cannot
/// be downloaded here. Playwright's driver comes from the NuGet package (.playwright in the build output).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Generous: the machines that run these tests have two cores and start a whole app next to the browser.</summary>
    public const float Timeout = 30_000;

    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;
    private IBrowser? browser;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium package (./store.sh test does).");
        }

        Assertions.SetDefaultExpectTimeout(Timeout);
        playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Timeout = 60_000,
            Args =
            [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--no-first-run",
            ],
        });
    }

    /// <summary>A fresh browser context (its own cookies: a new visitor) with one page open on the store.</summary>
    public async Task<IPage> NewVisitorAsync(Uri baseUrl)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            Locale = "en-US",
            TimezoneId = "UTC",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(Timeout);
        context.SetDefaultNavigationTimeout(Timeout);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
