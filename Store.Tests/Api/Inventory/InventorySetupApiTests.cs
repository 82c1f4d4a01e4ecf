using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Store.Infrastructure.Data;
using Store.Tests.Support;

namespace Store.Tests.Api.Inventory;

/// <summary>Locations, suppliers and sourcing over /api/inventory: what an integration needs to run a store built from empty.</summary>
public class InventorySetupApiTests(StoreAppFactory app) : IClassFixture<StoreAppFactory>
{
    private const int Main = 1;

    [Theory]
    [InlineData("GET", "/api/inventory/locations")]
    [InlineData("POST", "/api/inventory/locations")]
    [InlineData("GET", "/api/inventory/suppliers")]
    [InlineData("PUT", "/api/inventory/sourcing/1")]
    public async Task Setup_WhenAnonymous_Answers401(string method, string url)
    {
        var response = await Client().SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = method == "GET" ? null : JsonContent.Create(new { }) });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Location_CreatedRenamedStockedAndEmptied_RetiresOnlyOnceItHoldsNothing()
    {
        var client = await StaffAsync();
        var code = $"L{Guid.NewGuid():N}"[..8].ToUpperInvariant();
        var created = await client.PostAsJsonAsync("/api/inventory/locations", new { code, name = "Harbour store", priority = 5, line1 = "1 Quay St", city = "Portland", region = "ME", postalCode = "04101", country = "US" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal($"/api/inventory/locations/{id}", created.Headers.Location!.OriginalString);

        var again = await client.PostAsJsonAsync("/api/inventory/locations", new { code, name = "Twin", priority = 6 });
        var nameless = await client.PostAsJsonAsync("/api/inventory/locations", new { code = "NONAME", name = "", priority = 6 });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, nameless.StatusCode);
        Assert.Equal("application/problem+json", nameless.Content.Headers.ContentType!.MediaType);

        var renamed = await client.PutAsJsonAsync($"/api/inventory/locations/{id}", new { name = "Harbour shop", priority = 3, line1 = "1 Quay St", city = "Portland", region = "ME", postalCode = "04101", country = "US" });
        Assert.Equal(HttpStatusCode.NoContent, renamed.StatusCode);
        var listed = (await client.GetFromJsonAsync<JsonElement>("/api/inventory/locations")).EnumerateArray().Single(l => l.GetProperty("id").GetInt32() == id);
        Assert.Equal(("Harbour shop", 3), (listed.GetProperty("name").GetString(), listed.GetProperty("priority").GetInt32()));

        var variant = await StockedVariantAsync();
        var into = await client.PostAsJsonAsync("/api/inventory/transfers", new { variantId = variant, fromLocationId = Main, toLocationId = id, quantity = 2 });
        Assert.Equal(HttpStatusCode.OK, into.StatusCode);
        var holding = await client.PostAsync($"/api/inventory/locations/{id}/retire", null);
        Assert.Equal(HttpStatusCode.Conflict, holding.StatusCode);

        var back = await client.PostAsJsonAsync("/api/inventory/transfers", new { variantId = variant, fromLocationId = id, toLocationId = Main, quantity = 2 });
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        var retired = await client.PostAsync($"/api/inventory/locations/{id}/retire", null);
        Assert.Equal(HttpStatusCode.NoContent, retired.StatusCode);
        var unknown = await client.PostAsync("/api/inventory/locations/999999/retire", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        using var db = Db();
        var row = await db.Locations.AsNoTracking().SingleAsync(l => l.Id == id);
        Assert.NotNull(row.RetiredAt);
        var actions = await db.AuditLog.Where(a => a.EntityType == "location" && a.EntityId == id.ToString()).Select(a => a.Action).ToListAsync();
        Assert.Equal(["location.created", "location.retired", "location.updated"], actions.Order());
    }

    [Fact]
    public async Task Supplier_CreatedAndGivenAVariant_IsTheVariantsSourceAtItsCost()
    {
        var client = await StaffAsync();
        var name = $"Acme {Guid.NewGuid():N}"[..16];
        var created = await client.PostAsJsonAsync("/api/inventory/suppliers", new { name, email = "orders@acme.example", contactName = "Ana", leadTimeDays = 9, terms = "Net 30" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var supplierId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var variant = await StockedVariantAsync();

        var set = await client.PutAsJsonAsync($"/api/inventory/sourcing/{variant}", new { supplierId, supplierSku = "AC-1", cost = "12.50", packSize = 6 });
        var badCost = await client.PutAsJsonAsync($"/api/inventory/sourcing/{variant}", new { supplierId, cost = "twelve", packSize = 6 });
        var noSupplier = await client.PutAsJsonAsync($"/api/inventory/sourcing/{variant}", new { supplierId = 999999, packSize = 1 });
        var noVariant = await client.PutAsJsonAsync("/api/inventory/sourcing/999999", new { supplierId, packSize = 1 });

        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badCost.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noSupplier.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noVariant.StatusCode);
        using var db = Db();
        var sourced = await db.Variants.AsNoTracking().SingleAsync(v => v.Id == variant);
        Assert.Equal((supplierId, "AC-1", 1250L, 6), (sourced.SupplierId!.Value, sourced.SupplierSku, sourced.CostMinor!.Value, sourced.PackSize));
        var listed = (await client.GetFromJsonAsync<JsonElement>("/api/inventory/suppliers")).EnumerateArray().Single(s => s.GetProperty("id").GetInt32() == supplierId);
        Assert.Equal((9, 1), (listed.GetProperty("leadTimeDays").GetInt32(), listed.GetProperty("variants").GetInt32()));
    }

    private HttpClient Client() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private async Task<HttpClient> StaffAsync()
    {
        var client = Client();
        await HttpForms.SignInAsync(client, StoreAppFactory.AdminEmail, StoreAppFactory.AdminPassword);
        return client;
    }

    private StoreDbContext Db() => app.Services.CreateScope().ServiceProvider.GetRequiredService<StoreDbContext>();

    private async Task<int> StockedVariantAsync()
    {
        using var db = Db();
        return await db.Inventory.Where(i => i.LocationId == Main && i.OnHand - i.Reserved >= 5).OrderByDescending(i => i.VariantId).Select(i => i.VariantId).FirstAsync();
    }
}
