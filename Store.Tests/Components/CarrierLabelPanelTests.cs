using Bunit;
using Store.Tests.Support;
using Store.Web.Admin.Orders;

namespace Store.Tests.Components;

/// <summary>The order page's carrier label: staff buy UPS's label there and see UPS's refusal when there is one.</summary>
public class CarrierLabelPanelTests : AdminPageContext, IClassFixture<UpsFixture>
{
    private readonly UpsFixture fixture;

    public CarrierLabelPanelTests(UpsFixture fixture)
        : base(fixture.ConnectionString, CarrierOrderScenario.Staff, new Dictionary<string, string?>
        {
            ["Store:Carriers:Ups:ClientId"] = UpsTestDouble.ClientId,
            ["Store:Carriers:Ups:ClientSecret"] = UpsTestDouble.ClientSecret,
            ["Store:Carriers:Ups:AccountNumber"] = UpsTestDouble.AccountNumber,
            ["Store:Carriers:Ups:BaseUrl"] = fixture.Ups.BaseUrl,
        })
    {
        this.fixture = fixture;
    }

    [Fact]
    public async Task BuyButton_WhenUpsRefusesThenSells_ShowsWhyThenTheLabelAndItsNumber()
    {
        var orderId = await CarrierOrderScenario.FulfillingAsync(fixture, "78751");
        fixture.Ups.ShipMode = UpsTestDouble.Behaviour.Refuse;
        var cut = Render<OrderDetailPage>(p => p.Add(x => x.Id, orderId));
        cut.WaitForElement("[data-testid=buy-carrier-label]", TimeSpan.FromSeconds(15));

        await cut.Find("[data-testid=buy-carrier-label]").ClickAsync(new());

        cut.WaitForAssertion(
            () => Assert.Contains("Address Validation Error on ShipTo address", cut.Find("[data-testid=carrier-label-error]").TextContent),
            TimeSpan.FromSeconds(15));
        Assert.DoesNotContain("1Z", cut.Find("[data-testid=tracking-number]").TextContent, StringComparison.Ordinal);

        fixture.Ups.ShipMode = UpsTestDouble.Behaviour.Answer;
        await cut.Find("[data-testid=buy-carrier-label]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("UPS label bought", cut.Find("[data-testid=carrier-label-bought]").TextContent), TimeSpan.FromSeconds(15));
        cut.WaitForAssertion(() => Assert.StartsWith("1Z", cut.Find("[data-testid=tracking-number]").TextContent.Trim(), StringComparison.Ordinal), TimeSpan.FromSeconds(15));
        Assert.Empty(cut.FindAll("[data-testid=carrier-label-error]"));
    }
}
