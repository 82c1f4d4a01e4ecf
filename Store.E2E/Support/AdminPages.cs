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

    [GeneratedRegex(@"/account/login")]
    private static partial Regex LoginUrl();

    [GeneratedRegex(@"/admin/orders$")]
    private static partial Regex OrdersUrl();
}
