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
