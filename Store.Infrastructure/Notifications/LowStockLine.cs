namespace Store.Infrastructure.Notifications;

public sealed record LowStockLine(string Sku, string ProductName, string Location, int Available, int ReorderPoint);
