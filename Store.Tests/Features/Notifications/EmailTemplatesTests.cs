using Store.Domain.Ordering;
using Store.Infrastructure.Notifications;
using Store.Infrastructure.Ordering;

namespace Store.Tests.Features.Notifications;

public class EmailTemplatesTests
{
    private static readonly Guid OrderId = Guid.Parse("6f1c0b1e-4d7a-4c55-9d51-3a0f6c2b9e10");
    private static readonly ShippingAddress Address = new("Grace Hopper", "12 Harbor Rd", null, "Portland", "ME", "04101", "US");
    private readonly EmailTemplates templates = new("Test Shop", "https://shop.example/");

    [Fact]
    public void OrderConfirmation_WhenOrderHasTwoLines_ShowsNumberEachSkuAndTheTotal()
    {
        var email = templates.OrderConfirmation(Order(
            new OrderEmailLine("Trail Jacket", "Blue / M", "TJ-BL-M", 1, 500, 500),
            new OrderEmailLine("Wool Socks", "Grey", "WS-GR", 2, 150, 300)));

        Assert.Contains("#1042", email.Subject);
        foreach (var part in new[] { email.TextBody, email.HtmlBody })
        {
            Assert.Contains("1042", part);
            Assert.Contains("TJ-BL-M", part);
            Assert.Contains("WS-GR", part);
            Assert.Contains("$12.34", part);
            Assert.Contains("$1.50", part);
            Assert.Contains("12 Harbor Rd", part);
            Assert.Contains("https://shop.example/orders/" + OrderId + "/confirmation", part);
        }
    }

    [Fact]
    public void OrderConfirmation_WhenALineWasOnSale_SaysWhyItsPriceWasReduced()
    {
        var email = templates.OrderConfirmation(Order(
            new OrderEmailLine("Trail Jacket", "Blue / M", "TJ-BL-M", 1, 400, 400) { PriceNote = "Sale −20 % until 30 Nov" },
            new OrderEmailLine("Wool Socks", "Grey", "WS-GR", 2, 150, 300)));

        Assert.Contains("1 × $4.00 (Sale −20 % until 30 Nov) = $4.00", email.TextBody);
        Assert.Contains("2 × $1.50 = $3.00", email.TextBody);
        Assert.Contains("until 30 Nov</small>", System.Net.WebUtility.HtmlDecode(email.HtmlBody));
    }

    [Fact]
    public void OrderConfirmation_WhenAPromotionApplied_ShowsTheLinesDiscountThePromotionAndAddsUpToTheTotal()
    {
        // $5.00 jacket less 10 % ($0.50), $1.50 shipping, $0.72 tax: 500 − 50 + 150 + 72 = 672.
        var email = templates.OrderConfirmation(new OrderEmailModel(
            OrderId,
            1042,
            "USD",
            [new OrderEmailLine("Trail Jacket", "Blue / M", "TJ-BL-M", 1, 500, 450) { DiscountMinor = 50, DiscountNote = "WELCOME10: Welcome 10 % off" }],
            450,
            150,
            72,
            672,
            Address)
        {
            Discounts = [new OrderPromotionView("Welcome 10 % off", "WELCOME10", 50, Released: false)],
        });

        Assert.Contains("1 × $5.00 − $0.50 (WELCOME10: Welcome 10 % off) = $4.50", email.TextBody);
        Assert.Contains("Items:    $5.00", email.TextBody);
        Assert.Contains("Discount Welcome 10 % off (code WELCOME10): −$0.50", email.TextBody);
        Assert.Contains("Shipping: $1.50", email.TextBody);
        Assert.Contains("Total:    $6.72", email.TextBody);
        var html = System.Net.WebUtility.HtmlDecode(email.HtmlBody);
        Assert.Contains("<small>−$0.50 WELCOME10: Welcome 10 % off</small>", html);
        Assert.Contains(">Discount Welcome 10 % off (code WELCOME10)</td><td style=\"text-align:right\">−$0.50</td>", html);
        Assert.Contains("<strong>$6.72</strong>", html);
    }

    [Fact]
    public void OrderConfirmation_WhenDataHoldsMarkup_EncodesItInTheHtmlPart()
    {
        var email = templates.OrderConfirmation(Order(new OrderEmailLine("<script>alert('x')</script>", "<b>Blue</b>", "SKU-<1>", 1, 500, 500)) with
        {
            ShipTo = Address with { Name = "<img src=x onerror=alert(1)>" },
        });

        Assert.DoesNotContain("<script>", email.HtmlBody);
        Assert.DoesNotContain("<b>Blue", email.HtmlBody);
        Assert.DoesNotContain("<img", email.HtmlBody);
        Assert.DoesNotContain("SKU-<1>", email.HtmlBody);
        Assert.Contains("&lt;script&gt;", email.HtmlBody);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", email.HtmlBody);
        Assert.Contains("<script>alert('x')</script>", email.TextBody);
    }

    [Fact]
    public void PaymentFailed_WhenCalled_LinksToThePaymentPageOfTheOrderAndEncodesTheReason()
    {
        var email = templates.PaymentFailed(new PaymentFailedEmailModel(OrderId, 1042, "Grace Hopper", "Card <declined>", 1234, "USD"));

        var payUrl = $"https://shop.example/orders/{OrderId}/pay";
        Assert.Contains("#1042", email.Subject);
        Assert.Contains(payUrl, email.TextBody);
        Assert.Contains($"href=\"{payUrl}\"", email.HtmlBody);
        Assert.Contains("$12.34", email.HtmlBody);
        Assert.Contains("Card &lt;declined&gt;", email.HtmlBody);
    }

    [Fact]
    public void OrderShipped_WhenCalled_ShowsCarrierNumberAndTheStoresTrackingPage()
    {
        var email = templates.OrderShipped(new OrderShippedEmailModel(OrderId, 1042, "Grace Hopper", "UPS", "UP1234567890123452"));

        foreach (var part in new[] { email.TextBody, email.HtmlBody })
        {
            Assert.Contains("UPS", part);
            Assert.Contains("UP1234567890123452", part);
            Assert.Contains("https://shop.example/track/UP1234567890123452", part);
        }
    }

    [Fact]
    public void OrderShipped_WhenDataHoldsMarkup_EncodesItAndEscapesTheLink()
    {
        var email = templates.OrderShipped(new OrderShippedEmailModel(OrderId, 1042, "<b>Grace</b>", "<i>UPS</i>", "1Z 1\"x"));

        Assert.DoesNotContain("<b>Grace", email.HtmlBody);
        Assert.DoesNotContain("<i>UPS", email.HtmlBody);
        Assert.Contains("https://shop.example/track/1Z%201%22x", email.HtmlBody);
    }

    [Fact]
    public void OrderConfirmation_WhenTheOrderKeptATaxBreakdown_ShowsEachRate()
    {
        var email = templates.OrderConfirmation(Order(new OrderEmailLine("Trail Jacket", "Blue / M", "TJ-BL-M", 1, 10000, 10000)) with
        {
            TaxLines = [new("Germany", 19m, 10000, 1900), new("Germany", 7m, 500, 35)],
        });

        foreach (var part in new[] { email.TextBody, email.HtmlBody })
        {
            Assert.Contains("Germany 19 % on $100.00", part);
            Assert.Contains("$19.00", part);
            Assert.Contains("Germany 7 % on $5.00", part);
            Assert.Contains("$0.35", part);
        }
    }

    [Fact]
    public void RefundIssued_WhenCalled_ShowsTheRefundAndWhatRemainsPaid()
    {
        var email = templates.RefundIssued(new RefundIssuedEmailModel(OrderId, 1042, "Grace Hopper", 500, 734, "USD"));

        Assert.Contains("$5.00", email.Subject);
        foreach (var part in new[] { email.TextBody, email.HtmlBody })
        {
            Assert.Contains("$5.00", part);
            Assert.Contains("$7.34", part);
            Assert.Contains("1042", part);
        }
    }

    [Fact]
    public void LowStockAlert_WhenCalled_ListsSkuProductLocationAvailableAndReorderPointEncoded()
    {
        var email = templates.LowStockAlert(new LowStockAlertModel(
        [
            new LowStockLine("TJ-BL-M", "Trail Jacket", "Main warehouse", 2, 5),
            new LowStockLine("WS-GR", "Socks & <More>", "Shop floor", 0, 3),
        ]));

        Assert.Contains("2 items", email.Subject);
        Assert.Contains("TJ-BL-M  Trail Jacket at Main warehouse: 2 available (reorder point 5)", email.TextBody);
        Assert.Contains("<td>WS-GR</td><td>Socks &amp; &lt;More&gt;</td><td>Shop floor</td>", email.HtmlBody);
        Assert.Contains("https://shop.example/admin/inventory", email.HtmlBody);
    }

    [Fact]
    public void DisputeAlert_WhenOpenedAndWhenDecided_TellsStaffTheOrderAmountReasonAndOutcome()
    {
        var opened = templates.DisputeAlert(new Store.Domain.Ordering.Events.PaymentDisputed(OrderId, 1042, "dp_1", "<fraudulent>", 2599, "USD", "Open"));
        var lost = templates.DisputeAlert(new Store.Domain.Ordering.Events.PaymentDisputed(OrderId, 1042, "dp_1", "fraudulent", 2599, "USD", "Lost"));

        Assert.Contains("Payment disputed: order #1042 ($25.99, <fraudulent>)", opened.Subject);
        Assert.Contains("&lt;fraudulent&gt;", opened.HtmlBody);
        Assert.Contains($"https://shop.example/admin/orders/{OrderId}", opened.TextBody);
        Assert.Contains("Dispute lost: order #1042", lost.Subject);
        Assert.Contains("was decided: lost", lost.TextBody);
    }

    private static OrderEmailModel Order(params OrderEmailLine[] lines) =>
        new(OrderId, 1042, "USD", lines, 800, 250, 184, 1234, Address);
}
