using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Store.E2E.Support;

public sealed record ShippingAddress(string Email, string Name, string Line1, string? Line2, string City, string Region, string PostalCode, string Country);

public sealed record TestCard(string Number, string Expiry, string Cvc)
{
    public static readonly TestCard Approved = new("4242 4242 4242 4242", "12/30", "123");
    public static readonly TestCard Declined = new("4000 0000 0000 0002", "12/30", "123");
}

/// <summary>What a shopper does on the storefront, one step at a time, each step checking it landed where expected.</summary>
public sealed partial class StorefrontPages(IPage page)
{
    public IPage Page => page;

    public async Task OpenHomeAsync()
    {
        await page.OpenAsync("/");
        await Expect(page.GetByTestId("product-card").First).ToBeVisibleAsync();
    }

    /// <summary>Follows a category link in the header.</summary>
    public async Task OpenCategoryAsync(string name)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Categories" })
            .GetByRole(AriaRole.Link, new() { Name = name, Exact = true })
            .ClickAsync();
        await Expect(page).ToHaveURLAsync(CategoryUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);
        await Expect(page.GetByTestId("product-grid").GetByTestId("product-card").First).ToBeVisibleAsync();
    }

    /// <summary>
    /// From the category page, opens the first product that has an option plainly "in stock" (enough for a few units)
    /// and picks that option. Returns the product's name.
    /// </summary>
    public async Task<string> OpenProductWithStockAsync()
    {
        var categoryUrl = page.Url;
        var cards = page.GetByTestId("product-grid").GetByTestId("product-card")
            .Filter(new() { HasNot = page.Locator(".badge") });
        var count = await cards.CountAsync();
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                await page.OpenAsync(categoryUrl);
            }

            var card = cards.Nth(i);
            var name = (await card.Locator("h3").InnerTextAsync()).Trim();
            await card.GetByRole(AriaRole.Link).First.ClickAsync();
            await Expect(page).ToHaveURLAsync(ProductUrl());
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);

            var inStock = page.GetByTestId("add-to-cart-form").Locator(".option")
                .Filter(new() { Has = page.Locator("small", new() { HasTextRegex = InStockText() }) });
            if (await inStock.CountAsync() > 0)
            {
                var radio = inStock.First.Locator("input[type=radio][name='Input.VariantId']");
                await radio.CheckAsync();
                await Expect(radio).ToBeCheckedAsync();
                return name;
            }
        }

        throw new InvalidOperationException($"No product on {categoryUrl} has an option in stock.");
    }

    /// <summary>Adds the chosen option to the cart; the store then shows the cart.</summary>
    public async Task AddToCartAsync(int quantity)
    {
        await page.Locator("#qty").FillAsync(quantity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.SubmitAsync(page.GetByTestId("add-to-cart"));
        await Expect(page).ToHaveURLAsync(CartUrl());
    }

    public ILocator CartCount => page.GetByTestId("cart-count");

    public ILocator CartLines => page.GetByTestId("cart-line");

    public ILocator CartTotal => page.GetByTestId("cart-total");

    public async Task GoToCheckoutAsync()
    {
        await page.GetByTestId("checkout").ClickAsync();
        await Expect(page).ToHaveURLAsync(CheckoutUrl());
        await Expect(page.GetByTestId("place-order")).ToBeVisibleAsync();
    }

    /// <summary>Fills the address form (the country is expected to come prefilled as US).</summary>
    public async Task FillAddressAsync(ShippingAddress address)
    {
        await Expect(page.Locator("#country")).ToHaveValueAsync("US");
        await page.Locator("#email").FillAsync(address.Email);
        await page.Locator("#name").FillAsync(address.Name);
        await page.Locator("#line1").FillAsync(address.Line1);
        await page.Locator("#line2").FillAsync(address.Line2 ?? "");
        await page.Locator("#city").FillAsync(address.City);
        await page.Locator("#region").FillAsync(address.Region);
        await page.Locator("#postal").FillAsync(address.PostalCode);
        await page.Locator("#country").FillAsync(address.Country);
    }

    /// <summary>Places the order; the store hands over to the test provider's payment page. Returns the payment id.</summary>
    public async Task<Guid> ContinueToPaymentAsync()
    {
        await page.SubmitAsync(page.GetByTestId("place-order"));
        await Expect(page).ToHaveURLAsync(PaymentUrl());
        await Expect(page.GetByTestId("pay")).ToBeVisibleAsync();
        return PaymentIdFrom(page.Url);
    }

    /// <summary>Enters a card on the provider's page and submits it.</summary>
    public async Task PayAsync(TestCard card)
    {
        await page.Locator("#number").FillAsync(card.Number);
        await page.Locator("#expiry").FillAsync(card.Expiry);
        await page.Locator("#cvc").FillAsync(card.Cvc);
        await page.SubmitAsync(page.GetByTestId("pay"));
    }

    /// <summary>After a declined card: back on a new payment page for the same order, with the decline shown. Returns its payment id.</summary>
    public async Task<Guid> ExpectDeclinedAsync()
    {
        await Expect(page).ToHaveURLAsync(DeclinedPaymentUrl());
        await Expect(page.GetByTestId("declined")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("declined")).ToContainTextAsync("declined");
        await Expect(page.GetByTestId("pay")).ToBeVisibleAsync();
        return PaymentIdFrom(page.Url);
    }

    /// <summary>After an approved card: the order's confirmation page. Returns the order id and number.</summary>
    public async Task<(Guid OrderId, long Number)> ExpectConfirmationAsync()
    {
        await Expect(page).ToHaveURLAsync(ConfirmationUrl());
        var confirmation = page.GetByTestId("confirmation");
        await Expect(confirmation).ToBeVisibleAsync();
        await Expect(confirmation.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("is confirmed");
        var number = page.GetByTestId("order-number");
        await Expect(number).ToHaveTextAsync(Digits());
        var orderId = Guid.Parse(ConfirmationUrl().Match(page.Url).Groups["id"].Value);
        return (orderId, long.Parse(await number.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The digits of a displayed price ("$1,234.50" → 123450), to compare with amounts in minor units.</summary>
    public static long MinorUnits(string displayed) =>
        long.Parse(new string(displayed.Where(char.IsAsciiDigit).ToArray()), System.Globalization.CultureInfo.InvariantCulture);

    private static Guid PaymentIdFrom(string url) => Guid.Parse(PaymentUrl().Match(url).Groups["id"].Value);

    [GeneratedRegex(@"/c/[a-z0-9-]+$")]
    private static partial Regex CategoryUrl();

    [GeneratedRegex(@"/p/[a-z0-9-]+$")]
    private static partial Regex ProductUrl();

    [GeneratedRegex(@"/cart$")]
    private static partial Regex CartUrl();

    [GeneratedRegex(@"/checkout$")]
    private static partial Regex CheckoutUrl();

    [GeneratedRegex(@"/pay/test/(?<id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(\?.*)?$")]
    private static partial Regex PaymentUrl();

    [GeneratedRegex(@"/pay/test/[0-9a-f-]{36}\?declined=true$")]
    private static partial Regex DeclinedPaymentUrl();

    [GeneratedRegex(@"/orders/(?<id>[0-9a-f-]{36})/confirmation$")]
    private static partial Regex ConfirmationUrl();

    [GeneratedRegex(@"^\d+$")]
    private static partial Regex Digits();

    [GeneratedRegex(@"^\s*in stock\s*$")]
    private static partial Regex InStockText();
}
