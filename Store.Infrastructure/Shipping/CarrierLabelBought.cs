namespace Store.Infrastructure.Shipping;

/// <summary>The label an order's parcel carries; <see cref="AlreadyBought"/> when an earlier request bought it and this one bought nothing.</summary>
public sealed record CarrierLabelBought(string Carrier, string TrackingNumber, string Format, bool AlreadyBought);
