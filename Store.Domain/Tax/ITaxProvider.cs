namespace Store.Domain.Tax;

/// <summary>
/// The seam for an outside tax service (Avalara, TaxJar style), wired up in Infrastructure. The default is
/// <see cref="TaxCalculator"/>, computed from the store's own zones.
/// </summary>
public interface ITaxProvider
{
    TaxResult Calculate(TaxRequest request);
}
