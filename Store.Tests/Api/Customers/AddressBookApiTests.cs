using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Store.Tests.Api.Identity;
using Store.Tests.Support;
using static Store.Tests.Api.Customers.CustomerSteps;
using static Store.Tests.Api.Identity.AccountApiFixture;

namespace Store.Tests.Api.Customers;

public class AddressBookApiTests(AccountApiFixture fixture) : IClassFixture<AccountApiFixture>
{
    private static object Saved(string name, string line1, bool isDefault = false) =>
        new { name, line1, city = "Portland", region = "OR", postalCode = "97201", country = "us", phone = "+1 503 555 0100", isDefault };

    [Fact]
    public async Task Addresses_WhenSavedEditedAndDeleted_KeepExactlyOneDefault()
    {
        const string email = "book.keeper@example.com";
        await fixture.RegisterConfirmedAsync(email);
        var client = fixture.AppClient();
        var token = (await LoginAsync(client, email)).AccessToken;

        var home = await client.SendAsync(WithToken(HttpMethod.Post, "/api/account/addresses", token, Saved("Home Person", "1 Home Rd")));
        var homeId = (await home.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var work = await client.SendAsync(WithToken(HttpMethod.Post, "/api/account/addresses", token, Saved("Work Person", "2 Office Way")));
        var workId = (await work.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var edited = await client.SendAsync(WithToken(HttpMethod.Put, $"/api/account/addresses/{workId}", token, Saved("Work Person", "3 New Office Way", isDefault: true)));
        var afterEdit = await ListAsync(client, token);
        var deleted = await client.SendAsync(WithToken(HttpMethod.Delete, $"/api/account/addresses/{workId}", token));
        var afterDelete = await ListAsync(client, token);

        Assert.Equal(HttpStatusCode.Created, home.StatusCode);
        Assert.Equal($"/api/account/addresses/{homeId}", home.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Created, work.StatusCode);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal([workId, homeId], afterEdit.Select(a => a.GetProperty("id").GetGuid()));
        Assert.Equal([true, false], afterEdit.Select(a => a.GetProperty("isDefault").GetBoolean()));
        Assert.Equal("3 New Office Way", afterEdit[0].GetProperty("line1").GetString());
        Assert.Equal("US", afterEdit[0].GetProperty("country").GetString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var remaining = Assert.Single(afterDelete);
        Assert.Equal(homeId, remaining.GetProperty("id").GetGuid());
        Assert.True(remaining.GetProperty("isDefault").GetBoolean(), "The default's successor is the remaining address.");
    }

    [Fact]
    public async Task Addresses_WhenInputIsBadOrTheAddressIsSomeoneElses_AnswerProblemDetails()
    {
        await fixture.RegisterConfirmedAsync("book.owner@example.com");
        await fixture.RegisterConfirmedAsync("book.snoop@example.com");
        var client = fixture.AppClient();
        var owner = (await LoginAsync(client, "book.owner@example.com")).AccessToken;
        var snoop = (await LoginAsync(client, "book.snoop@example.com")).AccessToken;
        var created = await client.SendAsync(WithToken(HttpMethod.Post, "/api/account/addresses", owner, Saved("Owner", "1 Private Rd")));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var invalid = await client.SendAsync(WithToken(HttpMethod.Post, "/api/account/addresses", owner, new { name = "", line1 = "x", city = "y", postalCode = "1", country = "USA" }));
        var editOthers = await client.SendAsync(WithToken(HttpMethod.Put, $"/api/account/addresses/{id}", snoop, Saved("Snoop", "9 Other St")));
        var deleteOthers = await client.SendAsync(WithToken(HttpMethod.Delete, $"/api/account/addresses/{id}", snoop));
        var anonymous = await client.GetAsync("/api/account/addresses");
        var snoopList = await ListAsync(client, snoop);
        var ownerList = await ListAsync(client, owner);

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var problem = await invalid.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("country", out _));
        Assert.Equal(HttpStatusCode.NotFound, editOthers.StatusCode);
        Assert.Equal("application/problem+json", editOthers.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, deleteOthers.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Empty(snoopList);
        Assert.Equal("1 Private Rd", Assert.Single(ownerList).GetProperty("line1").GetString());
    }

    [Fact]
    public async Task PlaceOrder_WithASavedAddress_ShipsThereAndSaveAddressAddsTheTypedOne()
    {
        const string email = "saved.buyer@example.com";
        await fixture.RegisterConfirmedAsync(email);
        var client = fixture.AppClient();
        var token = (await LoginAsync(client, email)).AccessToken;
        var created = await client.SendAsync(WithToken(HttpMethod.Post, "/api/account/addresses", token,
            new { name = "Saved Buyer", line1 = "77 Saved Ave", city = "Austin", region = "TX", postalCode = "78702", country = "US" }));
        var savedId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        await AddToCartAsync(client, token);
        var fromBook = await client.SendAsync(WithToken(HttpMethod.Post, "/api/orders", token, new { email, savedAddressId = savedId }));
        var fromBookId = (await fromBook.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid();
        var detail = await (await client.SendAsync(WithToken(HttpMethod.Get, $"/api/orders/{fromBookId}", token))).Content.ReadFromJsonAsync<JsonElement>();
        var unknown = await client.SendAsync(WithToken(HttpMethod.Post, "/api/orders", token, new { email, savedAddressId = Guid.NewGuid() }));
        await AddToCartAsync(client, token);
        var typed = await client.SendAsync(WithToken(HttpMethod.Post, "/api/orders", token,
            new { email, name = "Saved Buyer", line1 = "5 Typed Ln", city = "Dallas", region = "TX", postalCode = "75201", country = "US", saveAddress = true }));
        var book = await ListAsync(client, token);
        var browser = fixture.Browser();
        await HttpForms.SignInAsync(browser, email, Password);
        var checkout = await browser.GetStringAsync("/checkout");
        var chosen = await browser.GetStringAsync($"/checkout?address={book.First(a => a.GetProperty("line1").GetString() == "5 Typed Ln").GetProperty("id").GetGuid()}");

        Assert.Equal(HttpStatusCode.Created, fromBook.StatusCode);
        Assert.Contains("77 Saved Ave", detail.ToString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Created, typed.StatusCode);
        Assert.Equal(["5 Typed Ln", "77 Saved Ave"], book.Select(a => a.GetProperty("line1").GetString()).Order(StringComparer.Ordinal));
        Assert.Contains("value=\"77 Saved Ave\"", checkout);
        Assert.Contains("data-testid=\"use-saved-address\"", checkout);
        Assert.Contains("value=\"5 Typed Ln\"", chosen);
    }

    [Fact]
    public async Task AddressBookPage_AddsAnAddressAndRefusesABadOneWithAFormMessage()
    {
        const string email = "page.keeper@example.com";
        await fixture.RegisterConfirmedAsync(email);
        var browser = fixture.Browser();
        await HttpForms.SignInAsync(browser, email, Password);

        var bad = await HttpForms.SubmitAsync(browser, "/account/addresses", "add-address", new Dictionary<string, string> { ["Input.Name"] = "Only A Name" });
        var good = await HttpForms.SubmitAsync(browser, "/account/addresses", "add-address", new Dictionary<string, string>
        {
            ["Input.Name"] = "Page Keeper",
            ["Input.Line1"] = "12 Form St",
            ["Input.City"] = "Boston",
            ["Input.Region"] = "MA",
            ["Input.PostalCode"] = "02108",
            ["Input.Country"] = "US",
        });
        var token = (await LoginAsync(fixture.AppClient(), email)).AccessToken;
        var book = await ListAsync(fixture.AppClient(), token);

        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Address is required.", await bad.Content.ReadAsStringAsync());
        Assert.Contains("Address saved.", await good.Content.ReadAsStringAsync());
        var saved = Assert.Single(book);
        Assert.Equal("12 Form St", saved.GetProperty("line1").GetString());
        Assert.True(saved.GetProperty("isDefault").GetBoolean());
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient client, string token)
    {
        var response = await client.SendAsync(WithToken(HttpMethod.Get, "/api/account/addresses", token));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
    }
}
