namespace Store.Infrastructure.Reports;

/// <summary>The reports staff can open and export; the name in lower case is its address (<c>/admin/reports/{kind}.csv</c>).</summary>
public enum ReportKind
{
    SalesByDay,
    SalesByWeek,
    SalesByMonth,
    Products,
    Categories,
    CustomerGroups,
    PromotionCodes,
    TaxZones,
    ShippingMethods,
    Refunds,
    Returns,
    StockValuation,
    SlowMovers,
}
