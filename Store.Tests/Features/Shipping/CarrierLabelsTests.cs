using Microsoft.EntityFrameworkCore;
using PdfSharp.Pdf.IO;
using Store.Domain.Common;
using Store.Domain.Shipping;
using Store.Infrastructure.Data;
using Store.Infrastructure.Ordering;
using Store.Infrastructure.Outbox;
using Store.Infrastructure.Shipping;
using Store.Infrastructure.Shipping.Carriers;
using Store.Tests.Support;

namespace Store.Tests.Features.Shipping;

/// <summary>
/// Buying UPS labels for orders shipped by a UPS live rate, against the local UPS double and the real PostgreSQL.
/// Each test orders to its own postal code.
/// </summary>
public class CarrierLabelsTests(UpsFixture fixture) : IClassFixture<UpsFixture>
{
    private UpsTestDouble Ups => fixture.Ups;

    [Fact]
    public async Task BuyAsync_WhenStaffClickAtOnce_BuysOneLabelAndTheShipmentTakesItsNumber()
    {
        Reset();
        var orderId = await CarrierOrderScenario.FulfillingAsync(fixture, "78731");
        var before = Ups.ShipRequests;
        Ups.ShipLatency = TimeSpan.FromMilliseconds(400);

        var clicks = await Task.WhenAll(Enumerable.Range(0, 3).Select(async i =>
        {
            await using var scope = fixture.Scope();
            return await fixture.Get<CarrierLabelService>(scope).BuyAsync(orderId, $"staff{i}@store.local");
        }));

        Assert.All(clicks, c => Assert.True(c.IsSuccess, c.Error?.Message));
        Assert.Single(clicks, c => !c.Value.AlreadyBought);
        Assert.Equal(1, Ups.ShipRequests - before);
        var sold = Assert.Single(Ups.SoldNumbers);
        await using var check = fixture.Scope();
        var db = fixture.Get<StoreDbContext>(check);
        var shipment = await db.Shipments.AsNoTracking().SingleAsync(s => s.OrderId == orderId);
        Assert.Equal((sold, "ups"), (shipment.TrackingNumber, shipment.CarrierCode));
        var label = await db.CarrierLabels.AsNoTracking().SingleAsync(l => l.ShipmentId == shipment.Id);
        Assert.Equal(("ups", "03", "pdf", 1234L, "USD"), (label.Carrier, label.ServiceCode, label.Format, label.ChargedMinor, label.Currency));
        Assert.Equal(shipment.Id.ToString("N"), Ups.LastShipTransId);
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == "shipment.label_bought" && a.EntityId == orderId.ToString()));

        var sent = Ups.LastShipRequest!["ShipmentRequest"]!;
        Assert.Equal("03", (string?)sent["Shipment"]!["Service"]!["Code"]);
        Assert.Equal("1 Congress Ave, Suite 4", (string?)sent["Shipment"]!["ShipTo"]!["Address"]!["AddressLine"]![0]);
        Assert.Equal("78731", (string?)sent["Shipment"]!["ShipTo"]!["Address"]!["PostalCode"]);
        Assert.Equal("GIF", (string?)sent["LabelSpecification"]!["LabelImageFormat"]!["Code"]);
        Assert.Equal(UpsTestDouble.AccountNumber, (string?)sent["Shipment"]!["PaymentInformation"]!["ShipmentCharge"]![0]!["BillShipper"]!["AccountNumber"]);
    }

    [Fact]
    public async Task PrintableAsync_AfterTheLabelIsBought_ServesUpsLabelAsA4x6Pdf()
    {
        Reset();
        var orderId = await CarrierOrderScenario.FulfillingAsync(fixture, "78732");
        await using var scope = fixture.Scope();
        var labels = fixture.Get<ShippingLabelService>(scope);
        var before = (await labels.PrintableAsync(orderId)).Value;
        Assert.True((await fixture.Get<CarrierLabelService>(scope).BuyAsync(orderId, CarrierOrderScenario.Staff)).IsSuccess);

        var served = await labels.PrintableAsync(orderId);

        Assert.True(served.IsSuccess, served.Error?.Message);
        Assert.Equal(("application/pdf", "pdf"), (served.Value.ContentType, served.Value.Extension));
        Assert.NotEqual(before.Content, served.Value.Content);
        using var pdf = PdfReader.Open(new MemoryStream(served.Value.Content), PdfDocumentOpenMode.Import);
        Assert.Equal(1, pdf.PageCount);
        var page = pdf.Pages[0];
        Assert.Equal((288d, 432d), (Math.Round(page.Width.Point), Math.Round(page.Height.Point)));
        var pictures = page.Resources.Elements.GetDictionary("/XObject")!;
        var picture = Assert.Single(pictures.Elements.Values.Select(v => ((PdfSharp.Pdf.Advanced.PdfReference)v!).Value).OfType<PdfSharp.Pdf.PdfDictionary>());
        Assert.Equal("/Image", picture.Elements.GetName("/Subtype"));

        // UPS's landscape GIF (60 × 40) is turned upright before it is placed on the portrait page.
        Assert.Equal((40, 60), (picture.Elements.GetInteger("/Width"), picture.Elements.GetInteger("/Height")));
        var stored = await fixture.Get<StoreDbContext>(scope).CarrierLabels.AsNoTracking()
            .SingleAsync(l => fixture.Get<StoreDbContext>(scope).Shipments.Any(s => s.Id == l.ShipmentId && s.OrderId == orderId));
        Assert.Equal(stored.Content, served.Value.Content);
    }

    [Theory]
    [InlineData(UpsTestDouble.Behaviour.Refuse, "78733", "Address Validation Error on ShipTo address", ErrorKind.Conflict)]
    [InlineData(UpsTestDouble.Behaviour.RateLimited, "78734", "HTTP 429", ErrorKind.Unavailable)]
    [InlineData(UpsTestDouble.Behaviour.Slow, "78735", "no answer within 8 s", ErrorKind.Unavailable)]
    public async Task BuyAsync_WhenUpsFails_KeepsNothingAndSaysWhy(UpsTestDouble.Behaviour behaviour, string postalCode, string shown, ErrorKind kind)
    {
        Reset();
        var orderId = await CarrierOrderScenario.FulfillingAsync(fixture, postalCode);
        await using var scope = fixture.Scope();
        var db = fixture.Get<StoreDbContext>(scope);
        var storeNumber = await db.Shipments.Where(s => s.OrderId == orderId).Select(s => s.TrackingNumber).SingleAsync();
        Ups.ShipMode = behaviour;

        var bought = await fixture.Get<CarrierLabelService>(scope).BuyAsync(orderId, CarrierOrderScenario.Staff);

        Assert.False(bought.IsSuccess);
        Assert.Contains(shown, bought.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was bought or saved", bought.Error.Message, StringComparison.Ordinal);
        Assert.Equal(kind, bought.Error.Kind);
        await using var check = fixture.Scope();
        var fresh = fixture.Get<StoreDbContext>(check);
        var shipment = await fresh.Shipments.AsNoTracking().SingleAsync(s => s.OrderId == orderId);
        Assert.Equal((storeNumber, (string?)null), (shipment.TrackingNumber, shipment.CarrierCode));
        Assert.False(await fresh.CarrierLabels.AnyAsync(l => l.ShipmentId == shipment.Id));
        Assert.False(await fresh.AuditLog.AnyAsync(a => a.Action == "shipment.label_bought" && a.EntityId == orderId.ToString()));
        Assert.Contains(shown, fixture.Get<CarrierHealth>(check).StatusOf("ups").LastError, StringComparison.Ordinal);

        Ups.ShipMode = UpsTestDouble.Behaviour.Answer;
        var retried = await fixture.Get<CarrierLabelService>(check).BuyAsync(orderId, CarrierOrderScenario.Staff);
        Assert.True(retried.IsSuccess, retried.Error?.Message);
        Assert.False(retried.Value.AlreadyBought);
    }

    [Fact]
    public async Task BuyAsync_ForARateTableOrder_RefusesAndTheStoresOwnLabelIsServed()
    {
        Reset();
        var orderId = await CarrierOrderScenario.FulfillingAsync(fixture, "78736", method: "usps-ground");
        var before = Ups.ShipRequests;
        await using var scope = fixture.Scope();

        var bought = await fixture.Get<CarrierLabelService>(scope).BuyAsync(orderId, CarrierOrderScenario.Staff);

        Assert.False(bought.IsSuccess);
        Assert.Equal(before, Ups.ShipRequests);
        Assert.Null(await fixture.Get<CarrierLabelService>(scope).StatusAsync(orderId));
        var served = (await fixture.Get<ShippingLabelService>(scope).PrintableAsync(orderId)).Value;
        Assert.Equal((await fixture.Get<ShippingLabelService>(scope).PdfAsync(orderId)).Value.Length, served.Content.Length);
        var shipment = await fixture.Get<StoreDbContext>(scope).Shipments.AsNoTracking().SingleAsync(s => s.OrderId == orderId);
        Assert.True(TrackingNumbers.IsWellFormed(shipment.TrackingNumber));
        Assert.Null(shipment.CarrierCode);
    }

    [Fact]
    public async Task AutoFulfil_ForAUpsOrder_BuysTheLabelInItsOwnOutboxStep()
    {
        Reset();
        var orderId = await CarrierOrderScenario.FulfillingAsync(fixture, "78737", startFulfilment: false);
        await using var scope = fixture.Scope();
        Assert.True(await fixture.Get<FulfilmentService>(scope).AutoFulfilAsync(orderId));
        var db = fixture.Get<StoreDbContext>(scope);
        Assert.True(await db.OutboxMessages.AnyAsync(m => m.Type == "shipment.carrier-label" && m.ProcessedAt == null));

        await using (var dispatch = fixture.Scope())
        {
            await fixture.Get<OutboxDispatcher>(dispatch).DispatchAsync(50);
        }

        await using var check = fixture.Scope();
        var fresh = fixture.Get<StoreDbContext>(check);
        var shipment = await fresh.Shipments.AsNoTracking().SingleAsync(s => s.OrderId == orderId);
        Assert.Equal("ups", shipment.CarrierCode);
        Assert.StartsWith("1Z", shipment.TrackingNumber, StringComparison.Ordinal);
        Assert.Equal(FulfilmentService.SystemActor, (await fresh.CarrierLabels.AsNoTracking().SingleAsync(l => l.ShipmentId == shipment.Id)).BoughtBy);
    }

    private void Reset()
    {
        Ups.Mode = UpsTestDouble.Behaviour.Answer;
        Ups.ShipMode = UpsTestDouble.Behaviour.Answer;
        Ups.ShipLatency = TimeSpan.Zero;
        Ups.SoldNumbers.Clear();
    }
}
