namespace Store.Infrastructure.Cart;

/// <summary>Who a cart belongs to: a signed-in customer, or a guest known by the cart id in their cookie.</summary>
public readonly record struct CartOwner(Guid? GuestCartId, string? CustomerId);
