using Store.Domain.Pricing;
using Store.Domain.Tax;

namespace Store.Domain.Checkout;

/// <summary>A cart line with everything the totals depend on; the unit price comes already resolved by <see cref="PricingEngine"/>.</summary>
public sealed record CheckoutLine(string Key, int VariantId, int ProductId, int? CategoryId, TaxClass TaxClass, int UnitWeightGrams, int Quantity, ResolvedPrice Price);
