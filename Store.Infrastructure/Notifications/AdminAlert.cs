namespace Store.Infrastructure.Notifications;

/// <summary>Something staff should see at once on an open admin page. <see cref="Id"/> is the outbox message's id.</summary>
public sealed record AdminAlert(Guid Id, string Kind, string Text, string? Link, DateTimeOffset At)
{
    public const string NewOrder = "order.placed";
    public const string PaymentFailed = "payment.failed";
    public const string Dispute = "payment.disputed";
    public const string LowStock = "stock.low";

    /// <summary>The NOTIFY channel: every instance of the store LISTENs on it, so every open admin page hears each alert.</summary>
    public const string Channel = "store_admin_alerts";

    public static readonly IReadOnlyList<string> Kinds = [NewOrder, PaymentFailed, Dispute, LowStock];
}
