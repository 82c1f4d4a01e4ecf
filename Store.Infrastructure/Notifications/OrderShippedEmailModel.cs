namespace Store.Infrastructure.Notifications;

/// <param name="TrackingUrl">The carrier's tracking page; left out of the email unless it is an http(s) address.</param>
public sealed record OrderShippedEmailModel(Guid OrderId, long Number, string CustomerName, string Carrier, string TrackingNumber, string? TrackingUrl);
