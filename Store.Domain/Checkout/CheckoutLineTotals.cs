using Store.Domain.Common;
using Store.Domain.Pricing;
using Store.Domain.Promotions;

namespace Store.Domain.Checkout;

/// <summary>
/// One line as sold: what the order item keeps. <see cref="Total"/> is what the shopper pays for the line: gross minus
/// discount, plus tax in a tax-exclusive store; in a tax-inclusive store the tax is inside it.
/// </summary>
public sealed record CheckoutLineTotals(
    string Key,
    int VariantId,
    int Quantity,
    Money UnitPrice,
    PriceExplanation PriceExplanation,
    Money Gross,
    Money Discount,
    IReadOnlyList<AppliedDiscount> Discounts,
    Money Tax,
    Money Total);
