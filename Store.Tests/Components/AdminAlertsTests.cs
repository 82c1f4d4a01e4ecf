using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Store.Infrastructure.Data;
using Store.Infrastructure.Notifications;
using Store.Infrastructure.Outbox;
using Store.Tests.Support;
using Store.Web.Components.Layout;

namespace Store.Tests.Components;

/// <summary>
/// Two instances of the store on one database: the web app (instance A) takes an order through the API and runs its
/// outbox; an admin circuit on instance B (this bUnit context, with its own listener) shows the alert: a new order,
/// and a variant the sale left under its reorder point.
/// </summary>
public class AdminAlertsTests : AdminPageContext, IClassFixture<StoreAppFactory>
{
    private readonly StoreAppFactory app;

    public AdminAlertsTests(StoreAppFactory app)
        : base(TestDatabase.ConnectionStringFor(app.DatabaseName), "staff@store.local")
    {
        this.app = app;
    }

    [Fact]
    public async Task NewOrder_WhenPlacedThroughTheApiOnAnotherInstance_ShowsAsANotificationOnAnOpenAdminPage()
    {
        var listener = Services.GetRequiredService<AdminAlertListener>();
        await listener.StartAsync(CancellationToken.None);
        await listener.Listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var snackbars = Render<MudSnackbarProvider>();
        var host = Render<AdminAlertsHost>();

        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var product = await client.GetFromJsonAsync<JsonElement>("/api/products/alpine-tee");
        var variant = product.GetProperty("variants").EnumerateArray().First(v => v.GetProperty("available").GetInt32() > 0).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/cart/add", new { variantId = variant, quantity = 1 })).StatusCode);
        var placed = await client.PostAsJsonAsync("/api/orders", new { email = "alert-watcher@example.com", name = "W", line1 = "1 Test Street", city = "Portland", region = "OR", postalCode = "97201", country = "US" });
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var orderId = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid();

        // Instance A's outbox worker; its scheduler is off in tests, so it runs once by hand.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync();
        }

        snackbars.WaitForAssertion(() => Assert.Contains("from alert-watcher@example.com", snackbars.Markup), TimeSpan.FromSeconds(15));
        Assert.Contains("New order #", snackbars.Markup);
        var alert = Assert.Single(host.Instance.Shown);
        Assert.Equal(AdminAlert.NewOrder, alert.Kind);
        Assert.Equal($"/admin/orders/{orderId}", alert.Link);
        await listener.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task LowStock_WhenASaleOnAnotherInstanceTakesAVariantUnderItsReorderPoint_ShowsAWarningOnAnOpenAdminPage()
    {
        var listener = Services.GetRequiredService<AdminAlertListener>();
        await listener.StartAsync(CancellationToken.None);
        await listener.Listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var snackbars = Render<MudSnackbarProvider>();
        var host = Render<AdminAlertsHost>();

        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var product = await client.GetFromJsonAsync<JsonElement>("/api/products/alpine-tee");
        var chosen = product.GetProperty("variants").EnumerateArray().Last(v => v.GetProperty("available").GetInt32() > 1);
        var (variant, sku) = (chosen.GetProperty("id").GetInt32(), chosen.GetProperty("sku").GetString()!);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // Any sale now leaves it under the point: the owner set the point above what is on hand.
            await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Database
                .ExecuteSqlAsync($"UPDATE inventory SET reorder_point = on_hand + 1000, low_stock_since = NULL WHERE variant_id = {variant}");
        }

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/cart/add", new { variantId = variant, quantity = 1 })).StatusCode);
        var placed = await client.PostAsJsonAsync("/api/orders", new { email = "low-watcher@example.com", name = "W", line1 = "1 Test Street", city = "Portland", region = "OR", postalCode = "97201", country = "US" });
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync();
        }

        snackbars.WaitForAssertion(() => Assert.Contains($"Low stock: {sku}", snackbars.Markup), TimeSpan.FromSeconds(15));
        // One alert per location the sale left under its point (the demo stocks it in two).
        var alerts = host.Instance.Shown.Where(a => a.Kind == AdminAlert.LowStock).ToList();
        Assert.NotEmpty(alerts);
        Assert.All(alerts, a => Assert.StartsWith($"Low stock: {sku} ", a.Text));
        Assert.All(alerts, a => Assert.Equal("/admin/inventory", a.Link));
        await listener.StopAsync(CancellationToken.None);
    }
}
