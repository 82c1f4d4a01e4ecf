using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Store.Infrastructure.Catalog.Import;
using Store.Infrastructure.Data;
using Store.Infrastructure.Notifications;
using Store.Infrastructure.Ordering;
using Store.Tests.Support;
using Store.Web.Admin.Catalog;
using Store.Web.Admin.Orders;
using Store.Web.Admin.Pricing;
using Store.Web.Admin.Promotions;
using Store.Web.Admin.Reports;
using Store.Web.Admin.Settings;
using Store.Web.Components.Shared;

namespace Store.Tests.Components;

/// <summary>
/// A store selling in euros (Store:Currency EUR, home country DE) with a paid order: the admin pages, the order's
/// email, its invoice totals and the product CSV show euros in the German way, and never a dollar.
/// </summary>
public class EuroStoreTests : AdminPageContext, IClassFixture<EuroStoreTests.EuroStore>
{
    private static readonly Dictionary<string, string?> Euro = new() { ["Store:Currency"] = "EUR", ["Store:HomeCountry"] = "DE" };
    private readonly EuroStore store;

    public EuroStoreTests(EuroStore store)
        : base(store.ConnectionString, "admin@store.local", Euro)
    {
        this.store = store;
    }

    [Fact]
    public async Task AdminPages_WhenTheStoreSellsInEuros_ShowEurosAndNoDollar()
    {
        var order = store.Order;
        var reports = await ReportsMarkupAsync();
        var pages = new (string Name, Func<string> Markup)[]
        {
            ("dashboard", () => MarkupOf<DashboardPage>("€")),
            ("reports", () => reports),
            ("products", () => MarkupOf<ProductsPage>("€")),
            ("orders", () => MarkupOf<OrdersPage>("€")),
            ("order", () => Rendered(Render<OrderDetailPage>(p => p.Add(c => c.Id, order)), "€")),
            ("promotions", () => MarkupOf<PromotionsPage>("€")),
            ("shipping", () => MarkupOf<ShippingPage>("€")),
            ("tax", () => MarkupOf<TaxPage>("California sales tax")),
            ("sales", () => MarkupOf<SalePricesPage>("Floor price")),
            ("groups", () => MarkupOf<CustomerGroupsPage>("Unit price")),
        };

        foreach (var (name, markup) in pages)
        {
            var text = markup();
            Assert.False(text.Contains('$') || text.Contains("USD", StringComparison.Ordinal), $"{name} shows dollars: {Excerpt(text)}");
        }
    }

    [Fact]
    public async Task EmailInvoiceAndCsv_WhenTheStoreSellsInEuros_ShowEurosInTheStoresCultureAndNoDollar()
    {
        await using var scope = store.Scope();
        var detail = (await store.Get<OrderQueries>(scope).DetailAsync(store.Order))!;
        var email = Services.GetRequiredService<EmailTemplates>().OrderConfirmation(OrderEmailModel.From(detail));
        var csv = await Services.CreateScope().ServiceProvider.GetRequiredService<ProductImportService>().ExportAsync();
        var invoice = Render<OrderStatementTotals>(p => p.Add(c => c.Order, detail).Add(c => c.TestIdPrefix, "invoice"));

        foreach (var (name, text) in new[] { ("email text", email.TextBody), ("email html", email.HtmlBody), ("invoice", invoice.Markup), ("csv", csv) })
        {
            Assert.False(text.Contains('$') || text.Contains("USD", StringComparison.Ordinal), $"{name} shows dollars: {Excerpt(text)}");
        }

        Assert.Contains(" €", email.TextBody);
        Assert.Matches(@"\d,\d\d", email.TextBody);
        Assert.Contains("€", invoice.Markup);
    }

    private async Task<string> ReportsMarkupAsync()
    {
        var cut = Render<ReportsPage>();
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("button"), b => b.TextContent.Contains("Rebuild", StringComparison.Ordinal) && !b.HasAttribute("disabled")), TimeSpan.FromSeconds(20));
        // Awaited, never a blocking Click(): the handler's database calls resume on the renderer, which a blocked test
        // thread would hold (the rebuild's transaction then waits for ever between its insert and its commit).
        await cut.InvokeAsync(() => cut.FindAll("button").First(b => b.TextContent.Contains("Rebuild", StringComparison.Ordinal)).ClickAsync(new()));
        return Rendered(cut, "€");
    }

    private string MarkupOf<TPage>(string loaded)
        where TPage : Microsoft.AspNetCore.Components.IComponent => Rendered(Render<TPage>(), loaded);

    private static string Rendered<TPage>(IRenderedComponent<TPage> cut, string loaded)
        where TPage : Microsoft.AspNetCore.Components.IComponent
    {
        cut.WaitForAssertion(() => Assert.Contains(loaded, cut.Markup), TimeSpan.FromSeconds(20));
        return cut.Markup;
    }

    private static string Excerpt(string text)
    {
        var at = Math.Max(text.IndexOf('$', StringComparison.Ordinal), text.IndexOf("USD", StringComparison.Ordinal));
        return at < 0 ? "" : text[Math.Max(0, at - 80)..Math.Min(text.Length, at + 40)];
    }

    /// <summary>The class's own database turned into a euro store, with one paid order.</summary>
    public sealed class EuroStore : DatabaseFixture
    {
        public Guid Order { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using (var scope = Scope())
            {
                // The template was seeded as a dollar store; this is what the same seed writes for a euro store.
                await Get<StoreDbContext>(scope).Database.ExecuteSqlRawAsync(
                    "UPDATE products SET currency = 'EUR'; UPDATE shipping_methods SET currency = 'EUR'; " +
                    "UPDATE promotions SET currency = 'EUR', name = replace(name, '$', '€')");
            }

            Order = (await PaidOrderScenario.PaidOrderAsync(this, skip: 0)).Order.OrderId;
        }

        protected override Task<IReadOnlyDictionary<string, string?>?> SettingsAsync() =>
            Task.FromResult<IReadOnlyDictionary<string, string?>?>(Euro);
    }
}
