namespace Store.Domain.Ordering;

public sealed record ShippingAddress(
    string Name,
    string Line1,
    string? Line2,
    string City,
    string? Region,
    string PostalCode,
    string Country);
