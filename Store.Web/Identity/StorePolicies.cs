using Microsoft.AspNetCore.Authorization;
using Store.Infrastructure.Identity;

namespace Store.Web.Identity;

/// <summary>
/// Who may use which part of the back office, declared once: admin pages and staff APIs use <see cref="Staff"/>, the
/// inventory panel and /api/inventory <see cref="Inventory"/>, settings and the staff page <see cref="Owner"/>. Each
/// also asks for two-factor sign-in when the owner made it mandatory (<see cref="TwoFactorRequirement"/>).
/// </summary>
public static class StorePolicies
{
    /// <summary>Admin or Staff: the catalog, orders, reports and everything else in the admin.</summary>
    public const string Staff = "staff";

    /// <summary>Admin, Staff or Inventory: the inventory panel and /api/inventory.</summary>
    public const string Inventory = "inventory";

    /// <summary>Admin only: store settings and staff accounts.</summary>
    public const string Owner = "owner";

    public static IServiceCollection AddStorePolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Staff, p => p.RequireRole(StoreRoles.Admin, StoreRoles.Staff).AddRequirements(TwoFactorRequirement.Instance))
            .AddPolicy(Inventory, p => p.RequireRole(StoreRoles.Admin, StoreRoles.Staff, StoreRoles.Inventory).AddRequirements(TwoFactorRequirement.Instance))
            .AddPolicy(Owner, p => p.RequireRole(StoreRoles.Admin).AddRequirements(TwoFactorRequirement.Instance));
        services.AddSingleton<IAuthorizationHandler, TwoFactorRequirementHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, StaffAuthorizationResultHandler>();
        return services;
    }

    /// <summary>True for an account in any staff role (Admin, Staff, Inventory).</summary>
    public static bool IsStaff(System.Security.Claims.ClaimsPrincipal user) => StoreRoles.All.Any(user.IsInRole);
}
