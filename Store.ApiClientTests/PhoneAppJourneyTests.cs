using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Store.ApiClient;
using Store.Infrastructure.Outbox;
using Store.Tests.Support;

namespace Store.ApiClientTests;

/// <summary>
/// A phone app written against /openapi/v1.json: every call goes through the NSwag-generated <see cref="StoreClient"/>,
/// over an HttpClient without a cookie jar, to the store on its own PostgreSQL database. Only the mail is read by
/// hand, from the pickup folder the store writes it to, as the app's user would read it in their inbox.
/// </summary>
public sealed partial class PhoneAppJourneyTests : IAsyncLifetime
{
    private const string Password = "Phone-Pass1";
    private readonly StoreAppFactory factory = new();
    private readonly string mailFolder = Path.Combine(Path.GetTempPath(), "store-api-client-mail-" + Guid.NewGuid().ToString("N")[..12]);
    private WebApplicationFactory<Program> app = default!;

    public async Task InitializeAsync()
    {
        await factory.InitializeAsync();
        app = factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Store:Email:PickupFolder", mailFolder);
            b.UseSetting("Store:PublicBaseUrl", "https://shop.example");
            b.UseSetting("Store:RateLimits:PasswordReset:PermitLimit", "0");
        });
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await ((IAsyncLifetime)factory).DisposeAsync();
        if (Directory.Exists(mailFolder))
        {
            Directory.Delete(mailFolder, recursive: true);
        }
    }

    [Fact]
    public async Task GeneratedClient_WhenItRegistersConfirmsBuysAndPays_ReadsThePaidOrderFromItsHistory()
    {
        const string email = "generated.client@example.com";
        var http = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var store = new StoreClient(http);

        await store.PostAccountRegisterAsync(new RegisterRequest { Email = email, Password = Password });
        var (userId, code) = await ConfirmationFromMailAsync(email);
        await store.GetAccountConfirmEmailAsync(userId, code);
        var tokens = await store.PostAccountLoginAsync(new LoginRequest { Email = email, Password = Password }, useCookies: false);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        var profile = await store.GetAccountManageInfoAsync();

        var found = await store.GetSearchAsync(q: "tee", pageSize: 5);
        var suggestions = await store.GetSearchSuggestAsync(q: "alp");
        var product = await store.GetProductsBySlugAsync(found.Items.First().Slug);
        var recommendations = await store.GetProductsBySlugRecommendationsAsync(product.Slug);
        var variant = product.Variants.First(v => v.Available > 1);
        var cart = await store.PostCartAddAsync(new AddToCartRequest { VariantId = variant.Id, Quantity = 2 });
        var quoted = await store.GetCartAsync(country: "US", region: "TX", postalCode: "78701");
        var placed = await store.PostOrdersAsync(new PlaceOrderRequest
        {
            Email = email,
            Name = "Generated Client",
            Line1 = "1 Main St",
            City = "Austin",
            Region = "TX",
            PostalCode = "78701",
            Country = "US",
        });
        var payment = await store.PostPaymentsAsync(new StartPaymentRequest { OrderId = placed.OrderId });
        var paid = await store.PostPaymentsByIdTestCardAsync(payment.Id, new TestCardRequest { Number = "4242424242424242", Expiry = "12/30", Cvc = "123" });
        var history = await store.GetOrdersAsync();
        var order = await store.GetOrdersByIdAsync(placed.OrderId);
        var notShipped = await Assert.ThrowsAsync<StoreApiException<ProblemDetails>>(() => store.GetOrdersByIdTrackingAsync(placed.OrderId));

        Assert.True(profile.IsEmailConfirmed);
        Assert.Equal("Bearer", tokens.TokenType);
        Assert.True(found.Total > 0);
        Assert.NotEmpty(found.Facets);
        Assert.NotEmpty(suggestions);
        Assert.DoesNotContain(recommendations.Similar, p => p.Id == product.Id);
        Assert.Equal(2, Assert.Single(cart.Lines).Quantity);
        Assert.True(quoted.Quote.Totals.TotalMinor > 0);
        Assert.Equal(PaymentStatus.Succeeded, paid.Status);
        var mine = Assert.Single(history);
        Assert.Equal(placed.OrderId, mine.Id);
        Assert.Equal(OrderStatus.Paid, mine.Status);
        Assert.Equal(2, mine.ItemCount);
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(paid.AmountMinor, order.TotalMinor);
        Assert.Equal(404, notShipped.StatusCode);
        Assert.Equal("order.not-shipped", notShipped.Result.AdditionalProperties["code"].ToString());
    }

    /// <summary>Sends what the outbox holds (jobs are off in HTTP tests) and reads the confirmation link from the mail.</summary>
    private async Task<(string UserId, string Code)> ConfirmationFromMailAsync(string email)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync();
        }

        var mails = await Task.WhenAll(Directory.GetFiles(mailFolder, "*.eml").Select(f => MimeMessage.LoadAsync(f)));
        var mail = Assert.Single(mails, m => m.To.Mailboxes.Any(a => a.Address == email));
        var link = ConfirmLink().Match(mail.TextBody ?? "");
        Assert.True(link.Success, $"No confirmation link in: {mail.TextBody}");
        var query = QueryHelpers.ParseQuery(new Uri(link.Value).Query);
        return (query["userId"].ToString(), query["code"].ToString());
    }

    [GeneratedRegex(@"https://shop\.example/account/confirm-email\?\S+")]
    private static partial Regex ConfirmLink();
}
