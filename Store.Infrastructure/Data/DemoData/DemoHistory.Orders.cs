using System.Globalization;
using Store.Domain.Checkout;
using Store.Domain.Common;
using Store.Domain.Inventory;
using Store.Domain.Ordering;
using Store.Domain.Payments;
using Store.Domain.Pricing;
using Store.Domain.Promotions;
using Store.Domain.Shipping;
using Store.Domain.Tax;
using Store.Infrastructure.Checkout;
using Store.Infrastructure.Inventory;
using Store.Infrastructure.Ordering;
using Store.Infrastructure.Payments;
using Store.Infrastructure.Promotions;

namespace Store.Infrastructure.Data.DemoData;

public sealed partial class DemoHistory
{
    private static readonly string[] ReturnReasons = ["Did not fit", "Not as pictured", "Changed my mind", "Wrong colour ordered"];
    private static readonly string[] PartialRefundReasons = ["Goodwill: the parcel arrived late", "One item arrived damaged", "Price matched a later sale"];

    private readonly Dictionary<int, int> invoiceSequences = [];
    private readonly Dictionary<string, (string? Code, string Label)> promotionNames = new(StringComparer.Ordinal);
    private ShippingCalculator shipping = null!;
    private double[] shopperWeights = [];

    private sealed record SoldLine(DemoVariant Variant, int Quantity, List<(DemoLevel Level, int Units)> Taken);

    /// <summary>
    /// One order's whole life, from the checkout at <paramref name="at"/> to wherever it had got to by now. False when
    /// nothing the shopper wanted was in stock (they left without ordering).
    /// </summary>
    private bool PlaceOrder(DemoStock stock, CheckoutCalculator calculator, IReadOnlyList<Promotion> promotions, IReadOnlyList<DemoShopper> shoppers, long number, DateTimeOffset at)
    {
        var shopper = PickShopper(shoppers, at);
        var sold = PickLines(stock);
        if (sold.Count == 0)
        {
            return false;
        }

        var currency = shop.Currency;
        var lines = sold
            .Select(s => new CheckoutLine(CheckoutQuote.Key(s.Variant.Id), s.Variant.Id, s.Variant.ProductId, s.Variant.CategoryId, s.Variant.TaxClass, s.Variant.WeightGrams, s.Quantity, ResolvedPrice.Regular(new Money(s.Variant.PriceMinor, currency))))
            .ToList();
        var subtotal = lines.Aggregate(Money.Zero(currency), (sum, l) => sum + l.Price.UnitPrice.Times(l.Quantity));
        var weight = ParcelItem.TotalGrams(lines.Select(l => new ParcelItem(l.UnitWeightGrams, l.Quantity)));
        var address = shopper.Address;
        var choices = shipping.QuotesFor(new ShippingRequest(address.Country, address.Region, address.PostalCode, weight, subtotal));

        // Most take the cheapest method; some pay for the faster one.
        var method = choices.Count > 1 && random.NextDouble() < 0.15 ? choices[1] : choices.FirstOrDefault();
        string[] codes = shopper.Id is not null && shopper.Orders == 0 && random.NextDouble() < 0.4 ? [DemoPromotions.WelcomeCode] : [];
        var calculated = method is null
            ? (Result<CheckoutTotals>?)null
            : calculator.Calculate(new CheckoutRequest(currency, lines, Destination.From(address), method.MethodId, promotions, codes, new TaxSettings(shop.PricesIncludeTax), at));
        if (calculated is not { IsSuccess: true })
        {
            foreach (var (level, units) in sold.SelectMany(s => s.Taken))
            {
                level.Available += units;
            }

            return false;
        }

        var totals = calculated.Value.Value;
        var quoted = totals.ToOrderTotals();
        var orderLines = totals.Lines
            .Join(sold, l => l.VariantId, s => s.Variant.Id, (l, s) => new OrderLine(
                s.Variant.Id,
                s.Variant.ProductName,
                s.Variant.Title,
                s.Variant.Sku,
                l.UnitPrice.Minor,
                l.Quantity,
                l.Tax.Minor,
                null,
                null,
                l.Discount.Minor,
                l.Discounts.Count == 0 ? null : string.Join("; ", l.Discounts.Select(d => d.Explanation))))
            .ToList();
        var placed = Order.Place(
            Guid.NewGuid(),
            number,
            shopper.Id,
            shopper.Email,
            address,
            currency,
            orderLines,
            quoted.ShippingMinor + (totals.PricesIncludeTax ? totals.ShippingTax.Minor : 0),
            null,
            null,
            at,
            new OrderShipping($"{method!.Carrier} {method.Service}", totals.ShippingTax.Minor, totals.PricesIncludeTax));
        var order = Must(placed);
        if (order.TotalMinor != quoted.TotalMinor)
        {
            throw new InvalidOperationException($"Demo order total {order.TotalMinor} differs from the quoted {quoted.TotalMinor}.");
        }

        Must(order.RecordTaxBreakdown(totals.TaxBreakdown));
        db.Orders.Add(order);
        shopper.Orders++;
        var reservations = new List<(StockReservation Reservation, DemoLevel Level)>();
        foreach (var (level, units) in sold.SelectMany(s => s.Taken))
        {
            var reservation = new StockReservation(order.Id, level.VariantId, level.LocationId, units, at, at.AddMinutes(15));
            reservations.Add((reservation, level));
            db.StockReservations.Add(reservation);
            db.StockMovements.Add(new StockMovement(level.VariantId, level.LocationId, MovementKind.Reservation, 0, units, order.Id, order.Email, null, at));
        }

        Audit(at, order.Email, "order.placed", "order", order.Id, new { order.Number, order.TotalMinor, Lines = orderLines.Count });
        Redeem(order, [.. totals.Lines.SelectMany(l => l.Discounts), .. totals.ShippingDiscounts], at);

        if (random.NextDouble() < 0.04)
        {
            Abandon(stock, order, reservations, at);
            return true;
        }

        var paidAt = at.AddSeconds(random.Next(50, 420));
        var payment = Pay(stock, order, reservations, at, paidAt);
        Fulfil(stock, order, payment, reservations, paidAt, method);
        return true;
    }

    private DemoShopper PickShopper(IReadOnlyList<DemoShopper> shoppers, DateTimeOffset at)
    {
        if (shopperWeights.Length != shoppers.Count)
        {
            shopperWeights = new double[shoppers.Count];
            var sum = 0.0;
            for (var i = 0; i < shoppers.Count; i++)
            {
                sum += shoppers[i].Activity;
                shopperWeights[i] = sum;
            }
        }

        // Three in four orders come from accounts (of people who had signed up by then), the rest from guests.
        if (random.NextDouble() < 0.75)
        {
            for (var attempt = 0; attempt < 8; attempt++)
            {
                var index = Array.BinarySearch(shopperWeights, random.NextDouble() * shopperWeights[^1]);
                var shopper = shoppers[index < 0 ? Math.Min(~index, shoppers.Count - 1) : index];
                if (shopper.Since < at)
                {
                    return shopper;
                }
            }
        }

        return DemoCustomers.Guest(faker, random, guestEmails);
    }

    private List<SoldLine> PickLines(DemoStock stock)
    {
        var wanted = 1 + (random.NextDouble() < 0.5 ? 1 : 0) + (random.NextDouble() < 0.25 ? 1 : 0) + (random.NextDouble() < 0.1 ? 1 : 0);
        var sold = new List<SoldLine>();
        for (var i = 0; i < wanted; i++)
        {
            var variant = stock.PickVariant();
            if (sold.Any(s => s.Variant.Id == variant.Id))
            {
                continue;
            }

            var quantity = random.NextDouble() switch { < 0.8 => 1, < 0.95 => 2, _ => 3 };
            if (stock.Take(variant.Id, quantity) is { } taken)
            {
                sold.Add(new SoldLine(variant, quantity, taken));
            }
        }

        return sold;
    }

    private void Redeem(Order order, IReadOnlyList<AppliedDiscount> discounts, DateTimeOffset at)
    {
        foreach (var used in discounts.GroupBy(d => d.PromotionId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var (code, label) = promotionNames[used.Key];
            db.PromotionRedemptions.Add(new PromotionRedemption(
                int.Parse(used.Key, CultureInfo.InvariantCulture), order.Id, order.CustomerId, order.Email, code, label, used.Sum(d => d.Amount.Minor), order.Currency, at));
        }
    }

    /// <summary>Never paid: some tried a card that was declined; the reservation expired and the stock went back on sale.</summary>
    private void Abandon(DemoStock stock, Order order, List<(StockReservation Reservation, DemoLevel Level)> reservations, DateTimeOffset at)
    {
        if (random.NextDouble() < 0.5)
        {
            var tried = at.AddMinutes(2);
            var payment = StartPayment(order, tried);
            Must(payment.Decline("0002", "Your card was declined.", tried.AddSeconds(40)));
            Audit(tried.AddSeconds(40), order.Email, "payment.failed", "payment", payment.Id, new { OrderId = order.Id, payment.AmountMinor, Reason = payment.FailureReason });
        }

        var expired = at.AddMinutes(16);
        Must(order.Cancel(ReservationExpiryService.Actor, "Not paid in time; the stock went back on sale", expired));
        foreach (var (reservation, level) in reservations)
        {
            reservation.MarkReleased();
            db.StockMovements.Add(new StockMovement(level.VariantId, level.LocationId, MovementKind.Release, 0, -reservation.Quantity, order.Id, ReservationExpiryService.Actor, "Reservation expired", expired));
            stock.Arrives(expired, level, reservation.Quantity);
        }

        Audit(expired, ReservationExpiryService.Actor, "order.expired", "order", order.Id, new { order.Number, Before = nameof(OrderStatus.AwaitingPayment), After = order.Status.ToString() });
    }

    private Payment StartPayment(Order order, DateTimeOffset at)
    {
        var payment = new Payment(Guid.NewGuid(), order.Id, PaymentService.TestProvider, order.TotalMinor, order.Currency, at);
        payment.AttachHostedPage(null, $"/pay/test/{payment.Id}");
        db.Payments.Add(payment);
        Audit(at, order.Email, "payment.started", "payment", payment.Id, new { OrderId = order.Id, payment.AmountMinor, payment.Provider });
        return payment;
    }

    /// <summary>Paid on the test provider's page: the reservation becomes a sale in the ledger and the invoice gets its number.</summary>
    private Payment Pay(DemoStock stock, Order order, List<(StockReservation Reservation, DemoLevel Level)> reservations, DateTimeOffset at, DateTimeOffset paidAt)
    {
        var payment = StartPayment(order, at.AddSeconds(30));
        Must(payment.Succeed("4242", paidAt));
        Must(order.MarkPaid(PaymentService.Actor, paidAt));
        foreach (var (reservation, level) in reservations)
        {
            reservation.MarkCommitted();
            db.StockMovements.Add(new StockMovement(level.VariantId, level.LocationId, MovementKind.Sale, -reservation.Quantity, -reservation.Quantity, order.Id, PaymentService.Actor, null, paidAt));
            stock.ChangeOnHand(level, -reservation.Quantity);
        }

        Audit(paidAt, order.Email, "payment.succeeded", "payment", payment.Id, new { OrderId = order.Id, payment.AmountMinor, payment.Provider, payment.ProviderPaymentId, Card = "•••• 4242" });
        Audit(paidAt, order.Email, "order.paid", "order", order.Id, new { Before = nameof(OrderStatus.AwaitingPayment), After = nameof(OrderStatus.Paid) });
        var year = paidAt.UtcDateTime.Year;
        var sequence = invoiceSequences[year] = invoiceSequences.GetValueOrDefault(year) + 1;
        db.Invoices.Add(Must(Invoice.Issue(order, sequence, paidAt.AddSeconds(2))));
        return payment;
    }

    /// <summary>The worker starts fulfilment, staff ship it the next working day, the carrier delivers; then some come back.</summary>
    private void Fulfil(DemoStock stock, Order order, Payment payment, List<(StockReservation Reservation, DemoLevel Level)> reservations, DateTimeOffset paidAt, ShippingQuote method)
    {
        var started = paidAt.AddMinutes(random.Next(1, 20));
        if (started >= end)
        {
            return;
        }

        Must(order.StartFulfilment(FulfilmentService.SystemActor, started));
        db.PickLists.AddRange(PickList.For(order.Id, reservations.Select(r => new PickUnits(r.Level.LocationId, r.Level.VariantId, order.Items.First(i => i.VariantId == r.Level.VariantId).Sku, r.Reservation.Quantity)), started));
        var weight = order.Items.Sum(i => (long)stock.Weight(i.VariantId) * i.Quantity);
        var shipment = Must(Shipment.Create(Guid.NewGuid(), order.Id, method.Carrier, method.Service, TrackingNumbers.New(method.Carrier), weight, FulfilmentService.SystemActor, started));
        db.Shipments.Add(shipment);
        Audit(started, FulfilmentService.SystemActor, "order.fulfilling", "order", order.Id, new { order.Number, Before = nameof(OrderStatus.Paid), After = order.Status.ToString(), Automatic = true });

        // A few change their mind before the parcel leaves: refunded in full, the units back on the shelf.
        if (random.NextDouble() < 0.025)
        {
            var refundedAt = started.AddHours(random.Next(1, 6));
            if (refundedAt < end)
            {
                Refund(order, payment, order.TotalMinor, "Customer cancelled before dispatch", refundedAt);
                Restock(stock, order, reservations, "Refunded and restocked", refundedAt);
            }

            return;
        }

        var shipped = NextWorkingDay(started).AddHours(13).AddMinutes(random.Next(0, 300));
        if (shipped >= end)
        {
            return;
        }

        Must(shipment.Record(ShipmentEventKind.Shipped, null, null, staff, shipped));
        Must(order.Ship(shipment.Carrier, shipment.TrackingNumber, staff, shipped));
        Audit(shipped, staff, "order.shipped", "order", order.Id, new { order.Number, Before = nameof(OrderStatus.Fulfilling), After = order.Status.ToString(), order.RefundedMinor });
        var transit = shipped.AddHours(random.Next(6, 20));
        if (transit >= end)
        {
            return;
        }

        Must(shipment.Record(ShipmentEventKind.InTransit, "Regional sorting centre", null, staff, transit));
        var days = random.Next(method.Estimate.MinBusinessDays, method.Estimate.MaxBusinessDays + 1);
        var delivered = AddWorkingDays(shipped, days).Date + TimeSpan.FromHours(random.Next(10, 19)) + TimeSpan.FromMinutes(random.Next(60));
        var deliveredAt = new DateTimeOffset(delivered, TimeSpan.Zero);
        if (deliveredAt >= end)
        {
            return;
        }

        Must(shipment.Record(ShipmentEventKind.Delivered, null, null, staff, deliveredAt));
        Must(order.MarkDelivered(staff, deliveredAt));
        Audit(deliveredAt, staff, "order.delivered", "order", order.Id, new { order.Number, Before = nameof(OrderStatus.Shipped), After = order.Status.ToString(), order.RefundedMinor });
        AfterDelivery(stock, order, payment, reservations, deliveredAt);
    }

    private void AfterDelivery(DemoStock stock, Order order, Payment payment, List<(StockReservation Reservation, DemoLevel Level)> reservations, DateTimeOffset deliveredAt)
    {
        var roll = random.NextDouble();
        if (roll < 0.05)
        {
            var returnedAt = deliveredAt.AddDays(random.Next(4, 15)).AddHours(random.Next(-3, 4));
            if (returnedAt >= end)
            {
                return;
            }

            Must(order.MarkReturned(staff, ReturnReasons[random.Next(ReturnReasons.Length)], returnedAt));
            Restock(stock, order, reservations, "Order returned", returnedAt);
            Audit(returnedAt, staff, "order.returned", "order", order.Id, new { order.Number, Before = nameof(OrderStatus.Delivered), After = order.Status.ToString(), order.RefundedMinor });
            var refundedAt = returnedAt.AddHours(random.Next(2, 30));
            if (refundedAt < end)
            {
                Refund(order, payment, order.TotalMinor, "Goods returned", refundedAt);
            }
        }
        else if (roll < 0.09)
        {
            var refundedAt = deliveredAt.AddDays(random.Next(1, 10));
            var amount = Math.Max(Math.Min(500, order.TotalMinor), order.TotalMinor * random.Next(10, 31) / 100);
            if (refundedAt < end)
            {
                Refund(order, payment, amount, PartialRefundReasons[random.Next(PartialRefundReasons.Length)], refundedAt);
            }
        }
    }

    private void Refund(Order order, Payment payment, long amountMinor, string reason, DateTimeOffset at)
    {
        var before = order.Status;
        Must(order.RecordRefund(amountMinor, staff, reason, at));
        var refundId = Guid.NewGuid();
        db.Refunds.Add(new Refund(refundId, order.Id, payment.Id, amountMinor, order.Currency, reason, staff, at, $"test_refund_{refundId}"));
        Audit(at, staff, "order.refunded", "order", order.Id, new { order.Number, Before = before.ToString(), After = order.Status.ToString(), order.RefundedMinor });
    }

    private void Restock(DemoStock stock, Order order, List<(StockReservation Reservation, DemoLevel Level)> reservations, string reason, DateTimeOffset at)
    {
        foreach (var (reservation, level) in reservations)
        {
            db.StockMovements.Add(new StockMovement(level.VariantId, level.LocationId, MovementKind.Return, reservation.Quantity, 0, order.Id, staff, reason, at));
            stock.ChangeOnHand(level, reservation.Quantity);
            stock.Arrives(at, level, reservation.Quantity);
        }
    }

    private void Audit(DateTimeOffset at, string actor, string action, string entityType, Guid entityId, object details)
    {
        clock.UtcNow = at;
        audit.Record(actor, action, entityType, entityId.ToString(), details);
    }

    private static DateTimeOffset NextWorkingDay(DateTimeOffset after)
    {
        var day = new DateTimeOffset(after.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        return day;
    }

    private static DateTime AddWorkingDays(DateTimeOffset from, int days)
    {
        var day = from.UtcDateTime.Date;
        while (days > 0)
        {
            day = day.AddDays(1);
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                days--;
            }
        }

        return day;
    }

    /// <summary>The history is made of legal moves only: a refused one is a bug in the seeding, never something to skip.</summary>
    private static T Must<T>(Result<T> result) =>
        result.IsSuccess ? result.Value : throw new InvalidOperationException("Demo history: " + result.Error!.Message);
}
