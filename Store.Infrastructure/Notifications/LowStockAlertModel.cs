namespace Store.Infrastructure.Notifications;

public sealed record LowStockAlertModel(IReadOnlyList<LowStockLine> Lines);
