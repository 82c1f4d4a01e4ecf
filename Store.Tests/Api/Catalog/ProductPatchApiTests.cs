using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Store.Infrastructure.Data;
using Store.Tests.Support;

namespace Store.Tests.Api.Catalog;

/// <summary>What POST /api/products made, an integration reads back at its Location and changes with PATCH.</summary>
public class ProductPatchApiTests(StoreAppFactory app) : IClassFixture<StoreAppFactory>
{
    [Fact]
    public async Task PostProduct_WhenCreated_ItsLocationLeadsToTheProductDraftsIncluded()
    {
        var client = await StaffAsync();
        var created = await CreateAsync(client, "PATCH-LOC-1", published: false);

        var location = created.Headers.Location!;
        var product = await client.GetFromJsonAsync<JsonElement>(location);
        var anonymous = await app.CreateClient().GetAsync(location);

        Assert.Equal((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32(), product.GetProperty("id").GetInt32());
        Assert.Equal("Tidewater Cap PATCH-LOC-1", product.GetProperty("name").GetString());
        Assert.False(product.GetProperty("published").GetBoolean());
        Assert.Equal("PATCH-LOC-1", product.GetProperty("variants")[0].GetProperty("sku").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Patch_WhenAMergePatchIsSent_ChangesOnlyTheMembersItCarries()
    {
        var client = await StaffAsync();
        var id = await IdAsync(await CreateAsync(client, "PATCH-MERGE-1", published: false));

        var renamed = await PatchAsync(client, $"/api/products/{id}", """{"name":"Tidewater Cap (wool)","published":true}""");
        var repriced = await PatchAsync(client, $"/api/products/id/{id}", """{"priceMinor":4200,"description":null}""");
        var product = await client.GetFromJsonAsync<JsonElement>($"/api/products/id/{id}");
        var slug = product.GetProperty("slug").GetString();
        var storefront = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/products/{slug}");

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repriced.StatusCode);
        Assert.Equal("Tidewater Cap (wool)", product.GetProperty("name").GetString());
        Assert.True(product.GetProperty("published").GetBoolean());
        Assert.Equal("", product.GetProperty("description").GetString());
        Assert.All(product.GetProperty("variants").EnumerateArray(), v => Assert.Equal(4200, v.GetProperty("priceMinor").GetInt64()));
        Assert.Equal("Tidewater Cap (wool)", storefront.GetProperty("name").GetString());
        using var db = app.Services.CreateScope().ServiceProvider.GetRequiredService<StoreDbContext>();
        Assert.Equal(2, await db.AuditLog.CountAsync(a => a.Action == "product.updated" && a.EntityId == id.ToString()));
    }

    [Fact]
    public async Task Patch_WhenVariantsAreGivenBySku_PricesOnlyThose()
    {
        var client = await StaffAsync();
        var created = await client.PostAsJsonAsync("/api/products", new
        {
            name = "Tidewater Socks",
            categoryId = 8,
            published = true,
            variants = new[] { new { sku = "PATCH-SOCK-S", title = "S", priceMinor = 1200, initialStock = 3 }, new { sku = "PATCH-SOCK-L", title = "L", priceMinor = 1200, initialStock = 3 } },
        });
        var id = await IdAsync(created);

        var response = await PatchAsync(client, $"/api/products/{id}", """{"variants":{"patch-sock-l":{"priceMinor":1500}}}""");

        var variants = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("variants").EnumerateArray().ToDictionary(v => v.GetProperty("sku").GetString()!, v => v.GetProperty("priceMinor").GetInt64());
        Assert.Equal(1200, variants["PATCH-SOCK-S"]);
        Assert.Equal(1500, variants["PATCH-SOCK-L"]);
    }

    [Theory]
    [InlineData("""{"name":null}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"published":"yes"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"priceMinor":12.5}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"slug":"other"}""", HttpStatusCode.BadRequest)]
    [InlineData("""[1,2]""", HttpStatusCode.BadRequest)]
    [InlineData("{\"name\":")]
    [InlineData("""{"name":"   "}""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"priceMinor":-1}""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"name":"Fine","variants":{"NO-SUCH-SKU":{"priceMinor":100}}}""", HttpStatusCode.UnprocessableEntity)]
    public async Task Patch_WhenTheBodyIsRefused_AnswersProblemDetailsAndChangesNothing(string body, HttpStatusCode expected = HttpStatusCode.BadRequest)
    {
        var client = await StaffAsync();
        var sku = "PATCH-BAD-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var id = await IdAsync(await CreateAsync(client, sku, published: true));

        var response = await PatchAsync(client, $"/api/products/{id}", body);
        var product = await client.GetFromJsonAsync<JsonElement>($"/api/products/id/{id}");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"Tidewater Cap {sku}", product.GetProperty("name").GetString());
        Assert.Equal(3500, product.GetProperty("variants")[0].GetProperty("priceMinor").GetInt64());
    }

    [Fact]
    public async Task Patch_WhenTheProductIsUnknownOrTheCallerIsNotStaff_IsRefused()
    {
        var staff = await StaffAsync();
        var unknown = await PatchAsync(staff, "/api/products/999999", """{"name":"X"}""");
        var anonymous = await PatchAsync(app.CreateClient(), "/api/products/1", """{"name":"X"}""");
        var plainText = await staff.SendAsync(new HttpRequestMessage(HttpMethod.Patch, "/api/products/1") { Content = new StringContent("""{"name":"X"}""", Encoding.UTF8, "text/plain") });

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plainText.StatusCode);
    }

    private async Task<HttpClient> StaffAsync()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await HttpForms.SignInAsync(client, StoreAppFactory.AdminEmail, StoreAppFactory.AdminPassword);
        return client;
    }

    private static async Task<HttpResponseMessage> CreateAsync(HttpClient client, string sku, bool published)
    {
        var created = await client.PostAsJsonAsync("/api/products", new
        {
            name = $"Tidewater Cap {sku}",
            description = "Waxed cotton.",
            categoryId = 8,
            published,
            variants = new[] { new { sku, title = "One size", priceMinor = 3500, initialStock = 5 } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return created;
    }

    private static async Task<int> IdAsync(HttpResponseMessage created) =>
        (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

    private static Task<HttpResponseMessage> PatchAsync(HttpClient client, string url, string body) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Patch, url) { Content = new StringContent(body, Encoding.UTF8, "application/merge-patch+json") });
}
