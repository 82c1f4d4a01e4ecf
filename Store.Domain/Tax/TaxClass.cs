namespace Store.Domain.Tax;

/// <summary>The class a product is taxed under; each zone gives every class its own rate.</summary>
public enum TaxClass
{
    Standard = 0,
    Reduced = 1,
    Zero = 2,
}
