using Microsoft.AspNetCore.Identity;

namespace Store.Infrastructure.Identity;

public sealed class StoreUser : IdentityUser
{
    public string? DisplayName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The price group the customer buys in ("wholesale"), matched by customer-group prices; null: none.</summary>
    public string? CustomerGroup { get; set; }

    /// <summary>Staff's notes on the customer (Store.Domain.Customers.StaffNotes); never shown to the customer.</summary>
    public string? StaffNotes { get; set; }
}
