namespace Store.Domain.Ordering;

/// <summary>
/// One row of an order's tax breakdown as checkout computed it when the order was placed ("VAT 19 % on €84.03:
/// €15.97"). Kept with the order so the invoice and emails show what was charged, never a recomputation under rates
/// that may have changed since.
/// </summary>
public sealed class OrderTaxLine
{
    private OrderTaxLine()
    {
    }

    internal OrderTaxLine(Guid orderId, string zoneName, decimal ratePercent, long taxableNetMinor, long taxMinor)
    {
        OrderId = orderId;
        ZoneName = zoneName;
        RatePercent = ratePercent;
        TaxableNetMinor = taxableNetMinor;
        TaxMinor = taxMinor;
    }

    public long Id { get; private set; }
    public Guid OrderId { get; private set; }
    public string ZoneName { get; private set; } = "";
    public decimal RatePercent { get; private set; }
    public long TaxableNetMinor { get; private set; }
    public long TaxMinor { get; private set; }
}
