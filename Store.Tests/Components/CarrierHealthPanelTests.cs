using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Store.Infrastructure.Shipping.Carriers;
using Store.Tests.Support;
using Store.Web.Admin.Settings;

namespace Store.Tests.Components;

/// <summary>The shipping page's carrier line. The panel reads no table, so no database is created for it.</summary>
public class CarrierHealthPanelTests
{
    private static readonly Dictionary<string, string?> Ups = new()
    {
        ["Store:Carriers:Ups:ClientId"] = "id",
        ["Store:Carriers:Ups:ClientSecret"] = "secret",
        ["Store:Carriers:Ups:AccountNumber"] = "A1B2C3",
    };

    [Fact]
    public async Task Render_WhenNoCarrierIsConfigured_ShowsNothing()
    {
        await using var context = new PanelContext(null);

        var panel = context.Render<CarrierHealthPanel>();

        Assert.Empty(panel.FindAll("[data-testid=carrier-health]"));
    }

    [Fact]
    public async Task Render_AfterACarrierFailed_ShowsItsLastErrorAndWhen()
    {
        await using var context = new PanelContext(Ups);
        context.Services.GetRequiredService<CarrierHealth>().Failed("ups", "HTTP 429: Too Many Requests");

        var line = context.Render<CarrierHealthPanel>().Find("[data-testid=carrier-health-ups]").TextContent;

        Assert.Contains("UPS", line, StringComparison.Ordinal);
        Assert.Contains("not asked yet", line, StringComparison.Ordinal);
        Assert.Contains("last error", line, StringComparison.Ordinal);
        Assert.Contains("HTTP 429: Too Many Requests", line, StringComparison.Ordinal);
    }

    private sealed class PanelContext(IReadOnlyDictionary<string, string?>? settings)
        : AdminPageContext(TestDatabase.ConnectionStringFor("store_unused"), "admin@store.local", settings);
}
