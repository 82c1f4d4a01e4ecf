using Microsoft.AspNetCore.Identity;

namespace Store.Infrastructure.Identity;

public sealed class StoreUser : IdentityUser
{
    public string? DisplayName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
