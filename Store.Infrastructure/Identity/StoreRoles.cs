using Store.Domain.Identity;

namespace Store.Infrastructure.Identity;

public static class StoreRoles
{
    public const string Admin = nameof(StaffRole.Admin);
    public const string Staff = nameof(StaffRole.Staff);

    /// <summary>Only the inventory panel and /api/inventory.</summary>
    public const string Inventory = nameof(StaffRole.Inventory);

    /// <summary>For [Authorize(Roles = ...)]: who may use the admin pages. Pages and endpoints use the policies in Store.Web.Identity.StorePolicies.</summary>
    public const string AdminOrStaff = Admin + "," + Staff;

    /// <summary>Every staff role; an account has at most one of them.</summary>
    public static readonly IReadOnlyList<string> All = [Admin, Staff, Inventory];
}
