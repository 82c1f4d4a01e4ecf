namespace Store.Infrastructure.Identity;

public static class StoreRoles
{
    public const string Admin = "Admin";
    public const string Staff = "Staff";

    /// <summary>For [Authorize(Roles = ...)]: who may use the admin and inventory pages.</summary>
    public const string AdminOrStaff = Admin + "," + Staff;
}
