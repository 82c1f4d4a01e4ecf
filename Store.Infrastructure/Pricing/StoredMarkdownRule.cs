using Store.Domain.Common;
using Store.Domain.Pricing;

namespace Store.Infrastructure.Pricing;

/// <summary>
/// A dynamic pricing rule the owner sets in the admin: "mark down by N % while stock is above X and nothing sold for
/// D days", on one product, one category or everything. The markdown job turns it into <see cref="StoredMarkdown"/>s.
/// Ending a rule (disabling it) makes the next evaluation end its markdowns.
/// </summary>
public sealed class StoredMarkdownRule
{
    private StoredMarkdownRule()
    {
    }

    public StoredMarkdownRule(string name, decimal percentOff, int stockAbove, int daysWithoutSale, int? productId, int? categoryId, DateTimeOffset now)
    {
        CreatedAt = now;
        Change(name, percentOff, stockAbove, daysWithoutSale, productId, categoryId);
        IsActive = true;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public decimal PercentOff { get; private set; }
    public int StockAbove { get; private set; }
    public int DaysWithoutSale { get; private set; }
    public int? ProductId { get; private set; }
    public int? CategoryId { get; private set; }
    public bool IsActive { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }

    public void Change(string name, decimal percentOff, int stockAbove, int daysWithoutSale, int? productId, int? categoryId)
    {
        Name = name.Trim();
        PercentOff = percentOff;
        StockAbove = stockAbove;
        DaysWithoutSale = daysWithoutSale;
        ProductId = productId;
        CategoryId = categoryId;
    }

    public void End(DateTimeOffset now)
    {
        IsActive = false;
        EndedAt ??= now;
    }

    public MarkdownRule ToDomain() => new(Name, new Percent(PercentOff), StockAbove, DaysWithoutSale, ProductId, CategoryId);
}
