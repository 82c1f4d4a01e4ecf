using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Store.Domain.Inventory;
using Store.Infrastructure.Data;
using Store.Infrastructure.Inventory;
using Store.Tests.Support;

namespace Store.Tests.Api.Inventory;

/// <summary>/api/inventory over HTTP against the real app and PostgreSQL: who may use it, what it lists, and stock writes that happen once.</summary>
public class InventoryApiTests(StoreAppFactory app) : IClassFixture<StoreAppFactory>
{
    private const int Main = 1;
    private const int City = 2;

    [Theory]
    [InlineData("GET", "/api/inventory")]
    [InlineData("POST", "/api/inventory/adjustments")]
    [InlineData("POST", "/api/inventory/transfers")]
    [InlineData("POST", "/api/inventory/receipts")]
    public async Task Inventory_WhenAnonymous_Answers401(string method, string url)
    {
        var response = await Client().SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = method == "POST" ? JsonContent.Create(new { }) : null });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/inventory")]
    [InlineData("POST", "/api/inventory/adjustments")]
    [InlineData("POST", "/api/inventory/transfers")]
    [InlineData("POST", "/api/inventory/receipts")]
    public async Task Inventory_WhenSignedInAsCustomer_Answers403(string method, string url)
    {
        var client = Client();
        await HttpForms.SubmitAsync(client, "/account/register", "register", new Dictionary<string, string>
        {
            ["Input.Name"] = "Ines Customer",
            ["Input.Email"] = $"ines-{Guid.NewGuid():N}@example.com",
            ["Input.Password"] = "Ines-Pass1",
        });
        var body = new { variantId = 1, locationId = Main, change = 5, reason = "x" };
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = method == "POST" ? JsonContent.Create(body) : null });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task List_WhenPagedByCursor_ReturnsEveryRowOnceInKeyOrder()
    {
        var client = await StaffAsync();
        int total;
        using (var db = Db())
        {
            total = await db.Inventory.CountAsync(i => i.LocationId == Main);
        }

        var seen = new List<(int Variant, int Location)>();
        string? cursor = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/inventory?location={Main}&limit=40" + (cursor is null ? "" : $"&cursor={cursor}"));
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                Assert.Equal(item.GetProperty("onHand").GetInt32() - item.GetProperty("reserved").GetInt32(), item.GetProperty("available").GetInt32());
                seen.Add((item.GetProperty("variantId").GetInt32(), item.GetProperty("locationId").GetInt32()));
            }

            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(total, seen.Count);
        Assert.Equal(seen.OrderBy(s => s.Variant).ThenBy(s => s.Location), seen);
        Assert.All(seen, s => Assert.Equal(Main, s.Location));
    }

    [Fact]
    public async Task List_WhenFilteredByVariantAndLow_ShowsTheReorderPointAndOnlyLowRows()
    {
        var client = await StaffAsync();
        var variant = await StockedVariantAsync(8);
        using (var scope = app.Services.CreateScope())
        {
            var inventory = scope.ServiceProvider.GetRequiredService<InventoryService>();
            var available = await AvailableAsync(variant, Main);
            Assert.True((await inventory.SetReorderRuleAsync(variant, Main, available + 5, 10, "test")).IsSuccess);
        }

        var rows = await client.GetFromJsonAsync<JsonElement>($"/api/inventory?variant={variant}");
        var low = await client.GetFromJsonAsync<JsonElement>("/api/inventory?low=true&limit=200");

        var main = rows.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("locationId").GetInt32() == Main);
        Assert.Equal(main.GetProperty("available").GetInt32() + 5, main.GetProperty("reorderPoint").GetInt32());
        Assert.True(main.GetProperty("low").GetBoolean());
        Assert.All(rows.GetProperty("items").EnumerateArray(), r => Assert.Equal(variant, r.GetProperty("variantId").GetInt32()));
        Assert.Contains(low.GetProperty("items").EnumerateArray(), r => r.GetProperty("variantId").GetInt32() == variant);
        Assert.All(low.GetProperty("items").EnumerateArray(), r => Assert.True(r.GetProperty("available").GetInt32() < r.GetProperty("reorderPoint").GetInt32()));
    }

    [Theory]
    [InlineData("/api/inventory?limit=0")]
    [InlineData("/api/inventory?limit=201")]
    [InlineData("/api/inventory?cursor=abc")]
    [InlineData("/api/inventory?variant=x")]
    public async Task List_WhenQueryIsBad_Answers400ProblemDetails(string url)
    {
        var response = await (await StaffAsync()).GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Adjust_WhenOneKeyIsReplayedConcurrently_ChangesStockOnceAndEveryReplayGetsTheFirstAnswer()
    {
        var client = await StaffAsync();
        var variant = await StockedVariantAsync(6);
        var before = await OnHandAsync(variant, Main);
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            SendAsync(client, "/api/inventory/adjustments", new { variantId = variant, locationId = Main, change = -2, reason = "Two damaged in transit" }, key)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(9, responses.Count(r => r.Headers.Contains("Idempotent-Replayed")));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(bodies.Distinct());
        Assert.Equal(before - 2, JsonDocument.Parse(bodies[0]).RootElement.GetProperty("onHand").GetInt32());
        Assert.Equal(before - 2, await OnHandAsync(variant, Main));
        Assert.Equal(1, await MovementsAsync(variant, MovementKind.Adjustment));
        Assert.Equal(1, await AuditEntriesAsync("stock.adjusted", $"{variant}@{Main}"));

        // A later replay, one at a time, still changes nothing; a count (onHand) under a new key sets the number.
        var replay = await SendAsync(client, "/api/inventory/adjustments", new { variantId = variant, locationId = Main, change = -2, reason = "Two damaged in transit" }, key);
        var counted = await SendAsync(client, "/api/inventory/adjustments", new { variantId = variant, locationId = Main, onHand = before + 10, reason = "Cycle count" }, Guid.NewGuid().ToString());
        Assert.Equal(bodies[0], await replay.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, counted.StatusCode);
        Assert.Equal(before + 10, await OnHandAsync(variant, Main));
        await AssertLedgerExplainsEveryCountAsync();
    }

    [Fact]
    public async Task Transfer_WhenOneKeyIsReplayedConcurrently_MovesStockOnce()
    {
        var client = await StaffAsync();
        var variant = await StockedVariantAsync(5);
        var (main, city) = (await OnHandAsync(variant, Main), await OnHandAsync(variant, City));
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            SendAsync(client, "/api/inventory/transfers", new { variantId = variant, fromLocationId = Main, toLocationId = City, quantity = 3 }, key)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var result = await responses[0].Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(main - 3, result.GetProperty("from").GetProperty("onHand").GetInt32());
        Assert.Equal(city + 3, result.GetProperty("to").GetProperty("onHand").GetInt32());
        Assert.Equal(main - 3, await OnHandAsync(variant, Main));
        Assert.Equal(city + 3, await OnHandAsync(variant, City));
        Assert.Equal(1, await MovementsAsync(variant, MovementKind.TransferOut));
        Assert.Equal(1, await MovementsAsync(variant, MovementKind.TransferIn));
        Assert.Equal(1, await AuditEntriesAsync("stock.transferred", variant.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await AssertLedgerExplainsEveryCountAsync();
    }

    [Fact]
    public async Task Receive_WhenADeliveryKeyIsReplayedConcurrently_ReceivesEveryLineOnce()
    {
        var client = await StaffAsync();
        var (first, second) = (await StockedVariantAsync(1, skip: 20), await StockedVariantAsync(1, skip: 21));
        var (firstBefore, secondBefore) = (await OnHandAsync(first, City), await OnHandAsync(second, City));
        var key = Guid.NewGuid().ToString();
        var delivery = new { locationId = City, lines = new[] { new { variantId = first, quantity = 7 }, new { variantId = second, quantity = 4 } }, note = "Delivery note 8812" };

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => SendAsync(client, "/api/inventory/receipts", delivery, key)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var levels = (await responses[0].Content.ReadFromJsonAsync<JsonElement>()).GetProperty("levels");
        Assert.Equal(2, levels.GetArrayLength());
        Assert.Equal(firstBefore + 7, await OnHandAsync(first, City));
        Assert.Equal(secondBefore + 4, await OnHandAsync(second, City));
        Assert.Equal(1, await MovementsAsync(first, MovementKind.Receipt, "Delivery note 8812"));
        Assert.Equal(1, await MovementsAsync(second, MovementKind.Receipt, "Delivery note 8812"));
        await AssertLedgerExplainsEveryCountAsync();
    }

    [Fact]
    public async Task Receive_WhenAPurchaseOrderIsReceived_AddsItsLinesOnceAndRefusesASecondReceipt()
    {
        var client = await StaffAsync();
        var variant = await StockedVariantAsync(1, skip: 30);
        Guid orderId;
        using (var scope = app.Services.CreateScope())
        {
            var purchaseOrders = scope.ServiceProvider.GetRequiredService<PurchaseOrderService>();
            int supplier;
            using (var db = Db())
            {
                supplier = await db.Suppliers.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
            }

            orderId = (await purchaseOrders.AddToDraftAsync(supplier, Main, variant, 12, "test")).Value;
            Assert.True((await purchaseOrders.SendAsync(orderId, "test")).IsSuccess);
        }

        var before = await OnHandAsync(variant, Main);
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => SendAsync(client, "/api/inventory/receipts", new { purchaseOrderId = orderId }, key)));
        var again = await SendAsync(client, "/api/inventory/receipts", new { purchaseOrderId = orderId }, Guid.NewGuid().ToString());

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var level = Assert.Single((await responses[0].Content.ReadFromJsonAsync<JsonElement>()).GetProperty("levels").EnumerateArray());
        Assert.Equal(before + 12, level.GetProperty("onHand").GetInt32());
        Assert.Equal(before + 12, await OnHandAsync(variant, Main));
        await AssertProblemAsync(again, HttpStatusCode.Conflict);
        await AssertLedgerExplainsEveryCountAsync();
    }

    public static TheoryData<string, object, HttpStatusCode> Refusals() => new()
    {
        { "/api/inventory/adjustments", new { variantId = 999_999, locationId = Main, change = 1, reason = "x" }, HttpStatusCode.NotFound },
        { "/api/inventory/adjustments", new { variantId = 1, locationId = 999, onHand = 3, reason = "x" }, HttpStatusCode.NotFound },
        { "/api/inventory/adjustments", new { variantId = 1, locationId = Main, onHand = -1, reason = "x" }, HttpStatusCode.BadRequest },
        { "/api/inventory/adjustments", new { variantId = 1, locationId = Main, change = 0, reason = "x" }, HttpStatusCode.BadRequest },
        { "/api/inventory/adjustments", new { variantId = 1, locationId = Main, change = 1, onHand = 4, reason = "x" }, HttpStatusCode.BadRequest },
        { "/api/inventory/adjustments", new { variantId = 1, locationId = Main, change = 1 }, HttpStatusCode.BadRequest },
        { "/api/inventory/adjustments", new { variantId = 1, locationId = Main, change = -1_000_000, reason = "x" }, HttpStatusCode.Conflict },
        { "/api/inventory/transfers", new { variantId = 1, fromLocationId = Main, toLocationId = City, quantity = 1_000_000 }, HttpStatusCode.Conflict },
        { "/api/inventory/transfers", new { variantId = 1, fromLocationId = Main, toLocationId = City, quantity = 0 }, HttpStatusCode.BadRequest },
        { "/api/inventory/transfers", new { variantId = 1, fromLocationId = Main, toLocationId = City, quantity = -4 }, HttpStatusCode.BadRequest },
        { "/api/inventory/transfers", new { variantId = 1, fromLocationId = Main, toLocationId = Main, quantity = 1 }, HttpStatusCode.BadRequest },
        { "/api/inventory/transfers", new { variantId = 999_999, fromLocationId = Main, toLocationId = City, quantity = 1 }, HttpStatusCode.NotFound },
        { "/api/inventory/transfers", new { variantId = 1, fromLocationId = Main, toLocationId = 999, quantity = 1 }, HttpStatusCode.NotFound },
        { "/api/inventory/receipts", new { locationId = Main, lines = new[] { new { variantId = 1, quantity = 0 } } }, HttpStatusCode.BadRequest },
        { "/api/inventory/receipts", new { locationId = Main, lines = new[] { new { variantId = 1, quantity = -3 } } }, HttpStatusCode.BadRequest },
        { "/api/inventory/receipts", new { locationId = Main, lines = Array.Empty<object>() }, HttpStatusCode.BadRequest },
        { "/api/inventory/receipts", new { locationId = Main, lines = new[] { new { variantId = 1, quantity = 2 }, new { variantId = 999_999, quantity = 1 } } }, HttpStatusCode.NotFound },
        { "/api/inventory/receipts", new { locationId = 999, lines = new[] { new { variantId = 1, quantity = 2 } } }, HttpStatusCode.NotFound },
        { "/api/inventory/receipts", new { purchaseOrderId = Guid.NewGuid() }, HttpStatusCode.NotFound },
        { "/api/inventory/receipts", new { purchaseOrderId = Guid.NewGuid(), locationId = Main }, HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Write_WhenARuleOrTheInputRefusesIt_AnswersProblemDetailsAndChangesNothing(string url, object body, HttpStatusCode expected)
    {
        var client = await StaffAsync();
        var before = await LedgerLinesAsync();
        var (main, city) = (await OnHandAsync(1, Main), await OnHandAsync(1, City));
        var key = Guid.NewGuid().ToString();

        var response = await SendAsync(client, url, body, key);
        var replay = await SendAsync(client, url, body, key);

        await AssertProblemAsync(response, expected);
        Assert.Equal(expected, replay.StatusCode);
        Assert.Equal(before, await LedgerLinesAsync());
        Assert.Equal((main, city), (await OnHandAsync(1, Main), await OnHandAsync(1, City)));
    }

    [Theory]
    [InlineData("/api/inventory/receipts", """{"locationId":2,"lines":[{"variantId":1,"quantity":5},{"variantId":999999,"quantity":1}]}""")]
    [InlineData("/api/inventory/transfers", """{"variantId":1,"fromLocationId":1,"toLocationId":999,"quantity":1}""")]
    public async Task Write_WhenRefusedHalfwayWithoutAKey_LeavesNothingWritten(string url, string body)
    {
        var client = await StaffAsync();
        var before = await LedgerLinesAsync();
        var (main, city) = (await OnHandAsync(1, Main), await OnHandAsync(1, City));

        var response = await client.PostAsync(url, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(before, await LedgerLinesAsync());
        Assert.Equal((main, city), (await OnHandAsync(1, Main), await OnHandAsync(1, City)));
    }

    [Fact]
    public async Task Write_WhenTheKeyIsReusedWithAnotherBody_Answers422()
    {
        var client = await StaffAsync();
        var variant = await StockedVariantAsync(2, skip: 40);
        var key = Guid.NewGuid().ToString();

        var first = await SendAsync(client, "/api/inventory/adjustments", new { variantId = variant, locationId = Main, change = 1, reason = "Found one" }, key);
        var other = await SendAsync(client, "/api/inventory/adjustments", new { variantId = variant, locationId = Main, change = 2, reason = "Found one" }, key);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AssertProblemAsync(other, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(1, await MovementsAsync(variant, MovementKind.Adjustment));
    }

    [Fact]
    public async Task OpenApi_WhenRead_DescribesTheInventoryRoutesWithTheirRefusals()
    {
        var document = await Client().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");

        var list = paths.GetProperty("/api/inventory").GetProperty("get");
        Assert.False(string.IsNullOrEmpty(list.GetProperty("summary").GetString()));
        Assert.True(list.GetProperty("responses").TryGetProperty("200", out _));
        foreach (var route in new[] { "/api/inventory/adjustments", "/api/inventory/transfers", "/api/inventory/receipts" })
        {
            var post = paths.GetProperty(route).GetProperty("post");
            Assert.False(string.IsNullOrEmpty(post.GetProperty("summary").GetString()));
            var responses = post.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            Assert.Equal(["200", "400", "401", "403", "404", "409", "422"], responses.Order());
        }
    }

    private HttpClient Client() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private async Task<HttpClient> StaffAsync()
    {
        var client = Client();
        await HttpForms.SignInAsync(client, StoreAppFactory.AdminEmail, StoreAppFactory.AdminPassword);
        return client;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string url, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(text).RootElement.GetProperty("title").GetString()));
    }

    private StoreDbContext Db() => app.Services.CreateScope().ServiceProvider.GetRequiredService<StoreDbContext>();

    /// <summary>A variant with at least <paramref name="available"/> units available at the main location and a row at the other; tests pick different ones.</summary>
    private async Task<int> StockedVariantAsync(int available, int skip = 0)
    {
        using var db = Db();
        return await db.Inventory
            .Where(i => i.LocationId == Main && i.OnHand - i.Reserved >= available && i.VariantId > 1
                && db.Inventory.Any(c => c.VariantId == i.VariantId && c.LocationId == City)
                && !db.StockMovements.Any(m => m.VariantId == i.VariantId && m.Actor == StoreAppFactory.AdminEmail))
            .OrderBy(i => i.VariantId)
            .Select(i => i.VariantId)
            .Skip(skip)
            .FirstAsync();
    }

    private async Task<int> OnHandAsync(int variant, int location)
    {
        using var db = Db();
        return await db.Inventory.Where(i => i.VariantId == variant && i.LocationId == location).Select(i => i.OnHand).FirstOrDefaultAsync();
    }

    private async Task<int> AvailableAsync(int variant, int location)
    {
        using var db = Db();
        return await db.Inventory.Where(i => i.VariantId == variant && i.LocationId == location).Select(i => i.OnHand - i.Reserved).FirstAsync();
    }

    private async Task<int> MovementsAsync(int variant, MovementKind kind, string? note = null)
    {
        using var db = Db();
        return await db.StockMovements.CountAsync(m => m.VariantId == variant && m.Kind == kind && m.Actor == StoreAppFactory.AdminEmail && (note == null || m.Note == note));
    }

    private async Task<int> LedgerLinesAsync()
    {
        using var db = Db();
        return await db.StockMovements.CountAsync();
    }

    private async Task<int> AuditEntriesAsync(string action, string entityId)
    {
        using var db = Db();
        return await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM audit_log WHERE action = {action} AND entity_id = {entityId}").SingleAsync();
    }

    /// <summary>For every variant and location, the ledger's on-hand and reserved deltas sum to the counts.</summary>
    private async Task AssertLedgerExplainsEveryCountAsync()
    {
        using var db = Db();
        var mismatches = await db.Database.SqlQuery<string>($"""
            SELECT format('%s@%s: %s/%s vs ledger %s/%s', i.variant_id, i.location_id, i.on_hand, i.reserved, coalesce(m.on_hand, 0), coalesce(m.reserved, 0)) AS "Value"
            FROM inventory i
            LEFT JOIN (SELECT variant_id, location_id, sum(on_hand_delta) AS on_hand, sum(reserved_delta) AS reserved
                       FROM stock_movements GROUP BY variant_id, location_id) m
              ON m.variant_id = i.variant_id AND m.location_id = i.location_id
            WHERE i.on_hand <> coalesce(m.on_hand, 0) OR i.reserved <> coalesce(m.reserved, 0)
            """).ToListAsync();
        Assert.Empty(mismatches);
    }
}
