namespace Store.Infrastructure.Notifications;

/// <summary>The shipped email links to the store's own tracking page: the tracking numbers are the store's.</summary>
public sealed record OrderShippedEmailModel(Guid OrderId, long Number, string CustomerName, string Carrier, string TrackingNumber);
