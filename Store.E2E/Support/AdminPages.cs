using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Store.E2E.Support;

/// <summary>What staff do: sign in on the storefront's form, then work in the (interactive, MudBlazor) admin pages.</summary>
public sealed partial class AdminPages(IPage page)
{
    public IPage Page => page;

    public async Task SignInAsync(string email, string password)
    {
        await page.OpenAsync("/account/login");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.SubmitAsync(page.GetByTestId("sign-in"));

        // Signed in, the header offers the admin area and a way out instead of the sign-in link.
        await Expect(page).Not.ToHaveURLAsync(LoginUrl());
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    public async Task OpenOrdersAsync()
    {
        await page.OpenAsync("/admin/orders");
        await Expect(page).ToHaveURLAsync(OrdersUrl());
        await Expect(Orders).ToBeVisibleAsync();
    }

    public ILocator Orders => page.GetByTestId("admin-orders");

    public ILocator OrderLink(long number) =>
        Orders.GetByRole(AriaRole.Link, new() { Name = $"#{number}", Exact = true });

    public async Task OpenOrderAsync(long number, Guid orderId)
    {
        await OrderLink(number).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/admin/orders/{orderId}$", RegexOptions.IgnoreCase));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Order #{number}", Exact = true })).ToBeVisibleAsync();
    }

    /// <summary>Opens a staff page and checks it rendered its heading and did not fail in the interactive circuit.</summary>
    public async Task OpenAndCheckAsync(string path, string heading)
    {
        await page.OpenAsync(path);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = false }).First).ToBeVisibleAsync();
        await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
    }

    /// <summary>
    /// Opens a staff page and waits until it shows <paramref name="ready"/>. The admin is not prerendered: what it shows
    /// came over a live circuit, so from then on its fields and buttons answer.
    /// </summary>
    public async Task OpenInteractiveAsync(string path, ILocator ready)
    {
        await page.OpenAsync(path);
        await Expect(ready).ToBeVisibleAsync();
        await ExpectNoCircuitErrorAsync();
    }

    public Task ExpectNoCircuitErrorAsync() => Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();

    /// <summary>A MudBlazor text or number field, found by the data-testid it passes on to its input.</summary>
    public ILocator Field(string testId) => page.Locator($"input[data-testid='{testId}']");

    /// <summary>Types into a MudBlazor field and leaves it: the field tells the circuit on change, which the browser fires on leaving.</summary>
    public static async Task FillAsync(ILocator input, string value)
    {
        await input.FillAsync(value);
        await input.BlurAsync();
    }

    /// <summary>Opens a MudSelect (found by its data-testid) and picks the option whose text is exactly <paramref name="option"/>.</summary>
    public async Task ChooseAsync(string testId, string option)
    {
        var open = page.Locator(".mud-popover-open .mud-list-item");
        await page.GetByTestId(testId).ClickAsync();
        await open.Filter(new() { HasTextRegex = new Regex($@"^\s*{Regex.Escape(option)}\s*$") }).ClickAsync();
        await Expect(open).ToHaveCountAsync(0);
    }

    /// <summary>The snackbar MudBlazor shows after a save, with its message.</summary>
    public ILocator Snackbar(string text) =>
        page.Locator(".mud-snackbar-content-message", new() { HasTextRegex = new Regex($@"^\s*{Regex.Escape(text)}\s*$") });

    public ILocator Status => page.GetByTestId("order-status");

    /// <summary>Starts fulfilment (which makes the shipment and its tracking number), ships, and returns the tracking number.</summary>
    public async Task<string> FulfilAndShipAsync()
    {
        // The order worker starts fulfilment of a paid order on its own; staff click only if it has not yet.
        var start = page.GetByRole(AriaRole.Button, new() { Name = "Start fulfilment" });
        if (await start.IsVisibleAsync())
        {
            await start.ClickAsync();
        }

        await Expect(Status).ToHaveTextAsync("Fulfilling");
        var tracking = (await page.GetByTestId("tracking-number").InnerTextAsync()).Trim();
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark shipped" }).ClickAsync();
        await Expect(Status).ToHaveTextAsync("Shipped");
        await Expect(page.GetByTestId("timeline")).ToContainTextAsync(tracking);
        await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        return tracking;
    }

    [GeneratedRegex(@"/account/login")]
    private static partial Regex LoginUrl();

    [GeneratedRegex(@"/admin/orders$")]
    private static partial Regex OrdersUrl();
}
