using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Store.Domain.Ordering;
using Store.Domain.Payments;
using Store.Infrastructure.Data;
using Store.Infrastructure.Payments;
using Store.Infrastructure.Settings;
using Store.Infrastructure.Settings.Providers;
using Store.Tests.Support;
using Xunit.Abstractions;

namespace Store.Tests.Features.Settings;

/// <summary>
/// Provider credentials and payment methods from the settings page, on real PostgreSQL, with PayPal and Square played
/// by their stand-ins: encrypted at rest, configuration first, seen by a second instance, and a shopper choosing.
/// </summary>
public class ProviderSettingsTests(PaymentMethodsFixture f, ITestOutputHelper output) : IClassFixture<PaymentMethodsFixture>
{
    private const string Owner = "owner@store.local";

    [Fact]
    public async Task SaveAsync_WhenASecretIsSaved_StoresOnlyCiphertextAndShowsTheLastFour()
    {
        await SaveAsync(new() { ["Payments:Stripe:SecretKey"] = "sk_test_51Secret0000000000abcd" });

        var raw = await ScalarAsync("SELECT value FROM provider_settings WHERE key = 'Payments:Stripe:SecretKey'");
        var secretFlag = await ScalarAsync("SELECT secret::text FROM provider_settings WHERE key = 'Payments:Stripe:SecretKey'");
        Assert.DoesNotContain("sk_test", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("abcd", raw, StringComparison.Ordinal);
        Assert.Equal("true", secretFlag);
        var protector = f.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(ProviderSettingsSource.Purpose);
        Assert.Equal("sk_test_51Secret0000000000abcd", protector.Unprotect(raw));

        await using var scope = f.Scope();
        var stripe = (await f.Get<ProviderSettingsService>(scope).ListAsync()).Providers.Single(p => p.Provider.Code == "stripe");
        var shown = stripe.Fields.Single(x => x.Field.Name == "SecretKey");
        Assert.Equal("•••• abcd", shown.Shown);
        Assert.Equal(SettingSource.Database, shown.Source);
        Assert.False(stripe.Configured);
        Assert.Equal("sk_test_51Secret0000000000abcd", f.Get<IOptions<PaymentOptions>>(scope).Value.Stripe.SecretKey);
        var audit = await f.Get<StoreDbContext>(scope).AuditLog.AsNoTracking().Where(a => a.Action == "settings.providers.changed").ToListAsync();
        Assert.Contains(audit, a => a.Actor == Owner && a.Details!.Contains("abcd", StringComparison.Ordinal));
        Assert.All(audit, a => Assert.DoesNotContain("sk_test_51", a.Details, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SaveAsync_WhenConfigurationSetsTheField_IsRefusedAndConfigurationStaysInForce()
    {
        await using (var scope = f.Scope())
        {
            var refused = await f.Get<ProviderSettingsService>(scope).SaveAsync(
                new Dictionary<string, string?> { ["Payments:PayPal:ApiBase"] = "https://api-m.sandbox.paypal.com" }, Owner);
            Assert.Equal("providers.locked", refused.Error!.Code);
            Assert.False(await f.Get<StoreDbContext>(scope).ProviderSettings.AnyAsync(s => s.Key == "Payments:PayPal:ApiBase"));

            // A row saved before configuration took the key over (written here directly) is shadowed, not used.
            var db = f.Get<StoreDbContext>(scope);
            db.ProviderSettings.Add(new StoredProviderSetting("Payments:PayPal:ApiBase", "https://api-m.sandbox.paypal.com", false, Owner, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
            await f.Services.GetRequiredService<ProviderSettingsSource>().ReloadAsync();
        }

        await using (var scope = f.Scope())
        {
            Assert.Equal(f.PayPal.BaseUrl, f.Get<IOptions<PaymentOptions>>(scope).Value.PayPal.ApiBase);
            var field = (await f.Get<ProviderSettingsService>(scope).ListAsync()).Providers.Single(p => p.Provider.Code == "paypal").Fields.Single(x => x.Field.Name == "ApiBase");
            Assert.Equal(SettingSource.Configuration, field.Source);
            Assert.True(field.Locked);
        }
    }

    [Fact]
    public async Task SaveAsync_WhenAValueIsRefused_WritesNothing()
    {
        await using var scope = f.Scope();
        var service = f.Get<ProviderSettingsService>(scope);
        var methodsBefore = f.Get<IOptions<PaymentOptions>>(scope).Value.Methods;

        var url = await service.SaveAsync(new Dictionary<string, string?> { ["Carriers:Ups:AccountNumber"] = "A1B2C3", ["Carriers:Ups:BaseUrl"] = "http://ups.example/api/" }, Owner);
        var method = await service.SaveAsync(new Dictionary<string, string?> { [ProviderDescriptors.MethodsKey] = "paypal,cash" }, Owner);

        Assert.Equal("providers.url", url.Error!.Code);
        Assert.Equal("providers.method", method.Error!.Code);
        Assert.False(await f.Get<StoreDbContext>(scope).ProviderSettings.AnyAsync(s => s.Key.StartsWith("Carriers:Ups:")));
        Assert.Equal(methodsBefore, f.Get<IOptions<PaymentOptions>>(scope).Value.Methods);
    }

    [Fact]
    public async Task SaveAsync_WhenOneInstanceChangesTheMethods_TheOtherInstanceListsThemWithinSeconds()
    {
        using var api = f.App.CreateClient();
        await OfferBothAsync();
        await WaitForMethodsAsync(api, ["paypal", "square"]);
        var before = await MethodsAsync(api);

        await SaveAsync(new() { [ProviderDescriptors.MethodsKey] = "square,paypal" });

        var waited = System.Diagnostics.Stopwatch.StartNew();
        var after = await MethodsAsync(api);
        while (!after.SequenceEqual(["square", "paypal"]) && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
            after = await MethodsAsync(api);
        }

        output.WriteLine($"The second instance listed the new order after {waited.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(["paypal", "square"], before);
        Assert.Equal(["square", "paypal"], after);
        Assert.True(waited.Elapsed < TimeSpan.FromSeconds(3), $"The second instance saw the change after {waited.Elapsed}");
    }

    [Fact]
    public async Task StartPayment_WhenTheMethodIsNotOffered_Answers422AndStartsNothing()
    {
        await OfferBothAsync();
        var order = await PlacedAsync(skip: 0);
        using var api = f.App.CreateClient();

        using var response = await api.PostAsJsonAsync("/api/payments", new { orderId = order.OrderId, method = "stripe" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("stripe", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var scope = f.Scope();
        Assert.False(await f.Get<StoreDbContext>(scope).Payments.AnyAsync(p => p.OrderId == order.OrderId));
    }

    [Fact]
    public async Task StartPayment_WhenTwoProvidersAreOffered_AnOrderIsPaidWithEach()
    {
        await OfferBothAsync();
        using var api = f.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await WaitForMethodsAsync(api, ["paypal", "square"]);

        var byPayPal = await PlacedAsync(skip: 1);
        var paypal = await StartAsync(api, byPayPal.OrderId, "paypal");
        var paypalPayment = await StripeScenario.PaymentAsync(f, paypal);
        using var back = await api.GetAsync(new Uri(f.PayPal.Approve(paypalPayment.ProviderReference!)).PathAndQuery);

        var bySquare = await PlacedAsync(skip: 2);
        var square = await StartAsync(api, bySquare.OrderId, "square");
        var squarePayment = await StripeScenario.PaymentAsync(f, square);
        var paid = f.Square.PayOnHostedPage(squarePayment.ProviderReference!);
        var (json, signature) = f.Square.Event("payment.updated", "payment", f.Square.Payment(paid));
        using var webhook = new HttpRequestMessage(HttpMethod.Post, "/api/payments/square/webhook") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        webhook.Headers.Add("x-square-hmacsha256-signature", signature);
        using var delivered = await api.SendAsync(webhook);

        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        Assert.Equal(("paypal", PaymentStatus.Succeeded), (paypalPayment.Provider, (await StripeScenario.PaymentAsync(f, paypal)).Status));
        Assert.Equal(("square", PaymentStatus.Succeeded), (squarePayment.Provider, (await StripeScenario.PaymentAsync(f, square)).Status));
        Assert.Equal(OrderStatus.Paid, (await StripeScenario.OrderAsync(f, byPayPal.OrderId)).Status);
        Assert.Equal(OrderStatus.Paid, (await StripeScenario.OrderAsync(f, bySquare.OrderId)).Status);
    }

    private static async Task<Guid> StartAsync(HttpClient api, Guid orderId, string method)
    {
        using var response = await api.PostAsJsonAsync("/api/payments", new { orderId, method });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (Guid)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!;
    }

    private static async Task<IReadOnlyList<string>> MethodsAsync(HttpClient api)
    {
        var answer = JsonNode.Parse(await api.GetStringAsync("/api/payments/methods"))!;
        return [.. answer["methods"]!.AsArray().Select(m => (string)m!["method"]!)];
    }

    private static async Task WaitForMethodsAsync(HttpClient api, string[] expected)
    {
        for (var i = 0; i < 100 && !(await MethodsAsync(api)).SequenceEqual(expected); i++)
        {
            await Task.Delay(100);
        }
    }

    private async Task OfferBothAsync() => await SaveAsync(new()
    {
        ["Payments:Square:AccessToken"] = SquareTestDouble.AccessToken,
        ["Payments:Square:LocationId"] = SquareTestDouble.LocationId,
        ["Payments:Square:WebhookSignatureKey"] = SquareTestDouble.SignatureKey,
        ["Payments:Square:WebhookUrl"] = SquareTestDouble.NotificationUrl,
        ["Payments:Square:ApiBase"] = f.Square.BaseUrl,
        [ProviderDescriptors.MethodsKey] = "paypal,square",
    });

    private async Task SaveAsync(Dictionary<string, string?> values)
    {
        await using var scope = f.Scope();
        var saved = await f.Get<ProviderSettingsService>(scope).SaveAsync(values, Owner);
        Assert.True(saved.IsSuccess, saved.Error?.Message);
    }

    private async Task<Store.Infrastructure.Checkout.PlacedOrder> PlacedAsync(int skip)
    {
        var variantId = await StoreScenario.VariantWithStockAsync(f, 5, skip);
        return await StoreScenario.PlaceAsync(f, await StoreScenario.GuestCartWithAsync(f, variantId, 1));
    }

    private async Task<string> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(f.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
