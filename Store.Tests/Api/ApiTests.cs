using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Store.Tests.Support;

namespace Store.Tests.Api;

public class ApiTests(StoreAppFactory app) : IClassFixture<StoreAppFactory>
{
    private HttpClient Client(bool followRedirects = false) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = followRedirects, HandleCookies = true });

    [Fact]
    public async Task GetProducts_PagesByCursor()
    {
        var client = Client();
        var first = await client.GetFromJsonAsync<JsonElement>("/api/products?limit=5");
        var next = first.GetProperty("nextCursor").GetInt32();
        var second = await client.GetFromJsonAsync<JsonElement>($"/api/products?limit=5&cursor={next}");

        Assert.Equal(5, first.GetProperty("items").GetArrayLength());
        Assert.True(second.GetProperty("items")[0].GetProperty("id").GetInt32() > next);
    }

    [Theory]
    [InlineData("/api/products?limit=0")]
    [InlineData("/api/products?limit=1000")]
    [InlineData("/api/products?limit=abc")]
    [InlineData("/api/products?cursor=-5")]
    public async Task GetProducts_WhenPagingIsBad_Answers400ProblemDetails(string url)
    {
        var response = await Client().GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task GetProduct_WhenSlugIsUnknown_Answers404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync("/api/products/no-such-thing")).StatusCode);
    }

    [Fact]
    public async Task PostProduct_WhenAnonymous_Answers401()
    {
        var response = await Client().PostAsJsonAsync("/api/products", new { name = "X", categoryId = 1, variants = new[] { new { sku = "X-1", priceMinor = 100, initialStock = 1 } } });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task PostProduct_WhenSignedInAsCustomer_Answers403()
    {
        var client = Client();
        await HttpForms.SubmitAsync(client, "/account/register", "register", new Dictionary<string, string>
        {
            ["Input.Name"] = "Casey Customer",
            ["Input.Email"] = "casey@example.com",
            ["Input.Password"] = "Casey-Pass1",
        });
        var response = await client.PostAsJsonAsync("/api/products", new { name = "X", categoryId = 1, variants = new[] { new { sku = "X-2", priceMinor = 100, initialStock = 1 } } });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task PostProduct_WhenAdmin_CreatesItWithStockAndRejectsBadInput()
    {
        var client = Client();
        await HttpForms.SignInAsync(client, StoreAppFactory.AdminEmail, StoreAppFactory.AdminPassword);

        var created = await client.PostAsJsonAsync("/api/products", new
        {
            name = "Harbor Rain Hat",
            description = "Waxed cotton.",
            brand = "Saltmarsh",
            categoryId = 8,
            published = true,
            variants = new[] { new { sku = "ACC-HAT-1", title = "One size", priceMinor = 3500, initialStock = 12 } },
        });
        var duplicate = await client.PostAsJsonAsync("/api/products", new { name = "Again", categoryId = 8, variants = new[] { new { sku = "ACC-HAT-1", priceMinor = 1, initialStock = 0 } } });
        var noVariants = await client.PostAsJsonAsync("/api/products", new { name = "Empty", categoryId = 8, variants = Array.Empty<object>() });
        var negative = await client.PostAsJsonAsync("/api/products", new { name = "Neg", categoryId = 8, variants = new[] { new { sku = "NEG-1", priceMinor = -1, initialStock = 0 } } });
        var detail = await client.GetFromJsonAsync<JsonElement>("/api/products/harbor-rain-hat");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noVariants.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, negative.StatusCode);
        Assert.Equal(12, detail.GetProperty("variants")[0].GetProperty("available").GetInt32());
    }

    [Theory]
    [InlineData("{bad json")]
    [InlineData("{\"variantId\":\"x\"}")]
    [InlineData("")]
    public async Task AddToCart_WhenBodyIsUnreadable_Answers400ProblemDetails(string body)
    {
        var response = await Client().PostAsync("/api/cart/add", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    [Theory]
    [InlineData(1, 0, HttpStatusCode.UnprocessableEntity)]
    [InlineData(1, 500, HttpStatusCode.UnprocessableEntity)]
    [InlineData(999999, 1, HttpStatusCode.NotFound)]
    public async Task AddToCart_WhenRequestBreaksARule_AnswersWithTheReason(int variantId, int quantity, HttpStatusCode expected)
    {
        var response = await Client().PostAsJsonAsync("/api/cart/add", new { variantId, quantity });
        Assert.Equal(expected, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task PlaceOrder_WhenCartIsEmpty_Answers422()
    {
        var response = await Client().PostAsJsonAsync("/api/orders", new { email = "a@example.com", name = "A", line1 = "1 St", city = "C", postalCode = "1", country = "US" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task PlaceOrder_WhenAddressIsIncomplete_Answers400WithEachField()
    {
        var problem = await (await Client().PostAsJsonAsync("/api/orders", new { email = "nope" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty("email", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("line1", out _));
    }

    [Fact]
    public async Task Purchase_ThroughTheApiAndHostedPaymentPage_LeavesAPaidOrder()
    {
        var client = Client();
        var product = await client.GetFromJsonAsync<JsonElement>("/api/products/alpine-tee");
        var variant = product.GetProperty("variants").EnumerateArray().First(v => v.GetProperty("available").GetInt32() > 0).GetProperty("id").GetInt32();

        var add = await client.PostAsJsonAsync("/api/cart/add", new { variantId = variant, quantity = 1 });
        var cartId = add.Headers.GetValues("X-Cart-Id").Single();
        var order = await (await client.PostAsJsonAsync("/api/orders", new { email = "api@example.com", name = "Api Buyer", line1 = "1 Main St", city = "Austin", region = "TX", postalCode = "78701", country = "US" })).Content.ReadFromJsonAsync<JsonElement>();
        var orderId = order.GetProperty("orderId").GetGuid();
        var payment = await client.PostAsJsonAsync("/api/payments", new { orderId });
        var redirect = (await payment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("redirectUrl").GetString()!;
        var paid = await HttpForms.SubmitAsync(client, redirect, "pay", new Dictionary<string, string>
        {
            ["Input.Number"] = "4242424242424242",
            ["Input.Expiry"] = "12/30",
            ["Input.Cvc"] = "123",
        });
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}");

        Assert.Equal(HttpStatusCode.OK, add.StatusCode);
        Assert.True(Guid.TryParse(cartId, out _));
        Assert.Equal(HttpStatusCode.Created, payment.StatusCode);
        Assert.True(paid.Headers.Location?.OriginalString?.EndsWith($"/orders/{orderId}/confirmation") == true, $"{(int)paid.StatusCode}: {await paid.Content.ReadAsStringAsync()}");
        Assert.Equal("Paid", detail.GetProperty("status").GetString());
        Assert.Equal("Succeeded", detail.GetProperty("payments")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task GetOrders_WhenAnonymous_Answers401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client().GetAsync("/api/orders")).StatusCode);
    }

    [Fact]
    public async Task StartPayment_WhenOrderIsUnknown_Answers404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Client().PostAsJsonAsync("/api/payments", new { orderId = Guid.NewGuid() })).StatusCode);
    }

    [Fact]
    public async Task OpenApi_DescribesTheApi()
    {
        var doc = await Client().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/products", out _));
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/orders", out _));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/c/hoodies")]
    [InlineData("/p/alpine-tee")]
    [InlineData("/cart")]
    public async Task StorefrontPages_RenderOnTheServer(string url)
    {
        var response = await Client().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Seo_SitemapListsEveryPublishedProductAndRobotsPointsToIt()
    {
        var client = Client();
        var sitemap = System.Xml.Linq.XDocument.Parse(await client.GetStringAsync("/sitemap.xml"));
        var robots = await client.GetStringAsync("/robots.txt");
        var product = await client.GetStringAsync("/p/alpine-tee");

        Assert.True(sitemap.Root!.Elements().Count() >= 160);
        Assert.Contains(sitemap.Descendants(), e => e.Name.LocalName == "loc" && e.Value == "http://localhost/p/alpine-tee");
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", robots);
        Assert.Contains("\"@type\":\"Product\"", product);
        Assert.Contains("<script type=\"application/ld&#x2B;json\">", product);
        Assert.Contains("data-testid=\"similar\"", product);
    }

    [Fact]
    public async Task Admin_WhenAnonymous_RedirectsToSignIn()
    {
        var response = await Client().GetAsync("/admin/orders");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.OriginalString);
    }
}
