using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Store.Infrastructure.Customers;
using Store.Infrastructure.Reports;
using Store.Tests.Api.Identity;
using Store.Tests.Support;
using static Store.Tests.Api.Customers.CustomerSteps;
using static Store.Tests.Api.Identity.AccountApiFixture;

namespace Store.Tests.Api.Customers;

public class PersonalDataTests(AccountApiFixture fixture) : IClassFixture<AccountApiFixture>
{
    /// <summary>Every table that holds, or once held, something a customer typed or is known by.</summary>
    private static readonly string[] PersonalTables =
        ["\"AspNetUsers\"", "orders", "order_status_changes", "customer_addresses", "audit_log", "stock_movements", "promotion_redemptions", "outbox_messages", "carts"];

    [Fact]
    public async Task Export_ContainsTheAccountsOrdersAndAddressesAndNothingOfAnotherAccount()
    {
        const string email = "exporter@example.com";
        const string other = "bystander@example.com";
        await fixture.RegisterConfirmedAsync(email);
        await fixture.RegisterConfirmedAsync(other);
        var client = fixture.AppClient();
        var mine = (await LoginAsync(client, email)).AccessToken;
        var theirs = (await LoginAsync(client, other)).AccessToken;
        await client.SendAsync(WithToken(HttpMethod.Post, "/api/account/addresses", mine, new { name = "Ex Porter", line1 = "8 Export Rd", city = "Austin", region = "TX", postalCode = "78701", country = "US" }));
        var myOrder = await BuyAsync(fixture, client, mine, Address(email, "Ex Porter", "8 Export Rd"));
        var theirOrder = await BuyAsync(fixture, client, theirs, Address(other, "By Stander", "9 Elsewhere Rd"));

        var noPassword = await client.SendAsync(WithToken(HttpMethod.Get, "/api/account/export", mine));
        var wrongRequest = WithToken(HttpMethod.Get, "/api/account/export", mine);
        wrongRequest.Headers.Add("X-Current-Password", "Wrong-Pass9");
        var wrong = await client.SendAsync(wrongRequest);
        var request = WithToken(HttpMethod.Get, "/api/account/export", mine);
        request.Headers.Add("X-Current-Password", Password);
        var exported = await client.SendAsync(request);
        var text = await exported.Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(text).RootElement;

        Assert.Equal(HttpStatusCode.Forbidden, noPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        Assert.Equal(email, body.GetProperty("profile").GetProperty("email").GetString());
        var order = Assert.Single(body.GetProperty("orders").EnumerateArray());
        Assert.Equal(myOrder, order.GetProperty("id").GetGuid());
        Assert.Equal("Paid", order.GetProperty("status").GetString());
        Assert.NotEmpty(order.GetProperty("lines").EnumerateArray());
        Assert.Equal("4242", Assert.Single(order.GetProperty("payments").EnumerateArray(), p => p.GetProperty("status").GetString() == "Succeeded").GetProperty("cardLast4").GetString());
        Assert.Equal("8 Export Rd", Assert.Single(body.GetProperty("addresses").EnumerateArray()).GetProperty("line1").GetString());
        Assert.DoesNotContain(other, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Elsewhere", text, StringComparison.Ordinal);
        Assert.DoesNotContain(theirOrder.ToString(), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportPage_WithThePassword_DownloadsTheJsonFile()
    {
        const string email = "page.exporter@example.com";
        await fixture.RegisterConfirmedAsync(email);
        var browser = fixture.Browser();
        await HttpForms.SignInAsync(browser, email, Password);

        var wrong = await PostFormAsync(browser, "/account/privacy", "/account/export", new Dictionary<string, string> { ["password"] = "Wrong-Pass9" });
        var file = await PostFormAsync(browser, "/account/privacy", "/account/export", new Dictionary<string, string> { ["password"] = Password });
        var body = await file.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("/account/privacy?error=account.password", wrong.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/json", file.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("my-data-", file.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(email, body.GetProperty("profile").GetProperty("email").GetString());
    }

    [Fact]
    public async Task DeleteAccount_AnonymisesOrdersKeepsThemInSalesAndLetsTheEmailRegisterAgain()
    {
        const string email = "leaving.customer@example.com";
        const string name = "Leaving Customerson";
        const string street = "42 Forgotten Lane";
        await fixture.RegisterConfirmedAsync(email);
        var client = fixture.AppClient();
        var tokens = await LoginAsync(client, email);
        await client.SendAsync(WithToken(HttpMethod.Post, "/api/account/addresses", tokens.AccessToken, new { name, line1 = street, city = "Austin", region = "TX", postalCode = "78701", country = "US", phone = "+1 512 555 0199" }));
        var orderId = await BuyAsync(fixture, client, tokens.AccessToken, Address(email, name, street));
        await fixture.DeliverAsync();
        var before = await QueryAsync(fixture.App, db => db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId));

        var wrong = await client.SendAsync(WithToken(HttpMethod.Delete, "/api/account", tokens.AccessToken, new { password = "Wrong-Pass9" }));
        var deleted = await client.SendAsync(WithToken(HttpMethod.Delete, "/api/account", tokens.AccessToken, new { password = Password }));
        var tokenAfter = await client.SendAsync(WithToken(HttpMethod.Get, "/api/orders", tokens.AccessToken));
        var refreshAfter = await client.PostAsJsonAsync("/api/account/refresh", new { refreshToken = tokens.RefreshToken });
        var after = await QueryAsync(fixture.App, db => db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId));
        var leftovers = new Dictionary<string, int>();
        foreach (var table in PersonalTables)
        {
            foreach (var text in new[] { email, name, street, "555 0199" })
            {
                leftovers[$"{table}: {text}"] = await RowsMentioningAsync(fixture.App, table, text);
            }
        }

        var sales = await QueryAsync(fixture.App, async db =>
        {
            var report = fixture.App.Services.CreateScope().ServiceProvider.GetRequiredService<SalesReportService>();
            await report.RebuildRecentAsync();
            return await report.ByDayAsync(2);
        });
        var again = await fixture.AppClient().PostAsJsonAsync("/api/account/register", new { email, password = "Second-Life4" });

        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.True(deleted.StatusCode == HttpStatusCode.NoContent, await deleted.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, tokenAfter.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refreshAfter.StatusCode);
        Assert.All(leftovers, l => Assert.True(l.Value == 0, $"{l.Key} is still in {l.Value} row(s)."));
        Assert.Null(after.CustomerId);
        Assert.EndsWith("@deleted.invalid", after.Email);
        Assert.Equal("Deleted customer", after.ShippingAddress.Name);
        Assert.Equal((before.Number, before.TotalMinor, before.TaxMinor, before.Status), (after.Number, after.TotalMinor, after.TaxMinor, after.Status));
        Assert.Equal(("TX", "78701", "US"), (after.ShippingAddress.Region, after.ShippingAddress.PostalCode, after.ShippingAddress.Country));
        Assert.True(sales.Sum(d => d.Orders) >= 1, "The anonymised paid order still counts in the sales report.");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task DeleteAccount_WhenTwoRequestsRunAtOnce_DeletesOnceAndBothSucceed()
    {
        const string email = "double.delete@example.com";
        await fixture.RegisterConfirmedAsync(email);
        var client = fixture.AppClient();
        var tokens = await LoginAsync(client, email);
        await BuyAsync(fixture, client, tokens.AccessToken, Address(email, "Double Deleter", "2 Twice St"));
        var userId = await QueryAsync(fixture.App, db => db.Users.AsNoTracking().Where(u => u.NormalizedEmail == email.ToUpperInvariant()).Select(u => u.Id).SingleAsync());

        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            fixture.AppClient().SendAsync(WithToken(HttpMethod.Delete, "/api/account", tokens.AccessToken, new { password = Password }))));
        var audits = await QueryAsync(fixture.App, db => db.AuditLog.AsNoTracking().CountAsync(a => a.Action == "account.deleted" && a.EntityId == userId));
        var mentions = await RowsMentioningAsync(fixture.App, "orders", email);

        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.Unauthorized, $"Answered {(int)a.StatusCode}"));
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.NoContent);
        Assert.Equal(1, audits);
        Assert.Equal(0, mentions);
    }

    [Fact]
    public async Task DeleteAccount_DuringCheckout_LeavesEitherAnAnonymisedOrderOrNoneAndStockHeldOnlyForOrders()
    {
        for (var round = 0; round < 3; round++)
        {
            var email = $"racer{round}@example.com";
            await fixture.RegisterConfirmedAsync(email);
            var client = fixture.AppClient();
            var tokens = await LoginAsync(client, email);
            await AddToCartAsync(client, tokens.AccessToken);

            var checkout = fixture.AppClient().SendAsync(WithToken(HttpMethod.Post, "/api/orders", tokens.AccessToken, Address(email, "Race Runner", "3 Photo Finish")));
            var delete = fixture.AppClient().SendAsync(WithToken(HttpMethod.Delete, "/api/account", tokens.AccessToken, new { password = Password }));
            var (placed, deleted) = (await checkout, await delete);

            var orders = await QueryAsync(fixture.App, db => db.Orders.AsNoTracking().Where(o => o.ShippingAddress.Line1 == "3 Photo Finish" || o.Email == email).CountAsync());
            var anonymised = await QueryAsync(fixture.App, db => db.Orders.AsNoTracking().Where(o => o.ShippingAddress.Name == "Deleted customer" && o.ShippingAddress.City == "" && o.CustomerId == null).CountAsync());
            var orphanHolds = await QueryAsync(fixture.App, db => db.Database
                .SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM stock_reservations r WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = r.order_id)")
                .SingleAsync());
            var account = await QueryAsync(fixture.App, db => db.Users.AsNoTracking().CountAsync(u => u.NormalizedEmail == email.ToUpperInvariant()));

            Assert.True(placed.StatusCode is HttpStatusCode.Created or HttpStatusCode.UnprocessableEntity or HttpStatusCode.Unauthorized, $"Checkout answered {(int)placed.StatusCode}: {await placed.Content.ReadAsStringAsync()}");
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            Assert.Equal(0, orders);
            Assert.Equal(0, account);
            Assert.Equal(0, orphanHolds);
            Assert.True(placed.StatusCode != HttpStatusCode.Created || anonymised >= 1, "A placed order is anonymised with the account.");
        }
    }

    [Fact]
    public async Task DeleteAccount_ForStaff_IsRefusedWith409()
    {
        var client = fixture.AppClient();
        var admin = await LoginAsync(client, StoreAppFactory.AdminEmail, StoreAppFactory.AdminPassword);

        var refused = await client.SendAsync(WithToken(HttpMethod.Delete, "/api/account", admin.AccessToken, new { password = StoreAppFactory.AdminPassword }));
        var still = await client.SendAsync(WithToken(HttpMethod.Get, "/api/account/manage/info", admin.AccessToken));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Fact]
    public async Task DeletePage_WithPasswordAndConfirmation_SignsOutAndTheAccountIsGone()
    {
        const string email = "page.leaver@example.com";
        await fixture.RegisterConfirmedAsync(email);
        var browser = fixture.Browser();
        await HttpForms.SignInAsync(browser, email, Password);

        var unticked = await HttpForms.SubmitAsync(browser, "/account/privacy", "delete-account", new Dictionary<string, string> { ["Input.Password"] = Password });
        var deleted = await HttpForms.SubmitAsync(browser, "/account/privacy", "delete-account", new Dictionary<string, string>
        {
            ["Input.Password"] = Password,
            ["Input.Confirm"] = "true",
        });
        var afterwards = await browser.GetAsync("/account");
        var account = await QueryAsync(fixture.App, db => db.Users.AsNoTracking().CountAsync(u => u.NormalizedEmail == email.ToUpperInvariant()));

        Assert.Contains("Tick the box to confirm.", await unticked.Content.ReadAsStringAsync());
        Assert.EndsWith("/account/deleted", deleted.Headers.Location?.OriginalString);
        Assert.Contains("/account/login", afterwards.Headers.Location?.OriginalString);
        Assert.Equal(0, account);
    }
}
