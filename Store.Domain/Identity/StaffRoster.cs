using Store.Domain.Common;

namespace Store.Domain.Identity;

/// <summary>
/// The rules for changing staff accounts. The one that matters: a store always keeps at least one active Admin,
/// since only an Admin can invite staff, change roles or re-enable an account; losing the last one would lock the
/// owner out of their own store with no way back short of editing the database.
/// </summary>
public static class StaffRoster
{
    public static bool TryParseRole(string? value, out StaffRole role) =>
        Enum.TryParse(value?.Trim(), ignoreCase: true, out role) && Enum.IsDefined(role);

    /// <param name="activeAdmins">The active (not disabled) Admin accounts, <paramref name="member"/> included if it is one.</param>
    public static Result<StaffRole> ChangeRole(StaffMember member, StaffRole newRole, int activeAdmins)
    {
        if (member.Role == newRole)
        {
            return DomainError.Conflict("staff.same-role", $"{member.Email} already has the {newRole} role.");
        }

        return IsLastActiveAdmin(member, activeAdmins)
            ? DomainError.Conflict("staff.last-admin", $"{member.Email} is the store's only active Admin: make another account an Admin first.")
            : newRole;
    }

    public static Result<bool> Disable(StaffMember member, int activeAdmins)
    {
        if (member.Disabled)
        {
            return DomainError.Conflict("staff.already-disabled", $"{member.Email} is already disabled.");
        }

        return IsLastActiveAdmin(member, activeAdmins)
            ? DomainError.Conflict("staff.last-admin", $"{member.Email} is the store's only active Admin and cannot be disabled.")
            : true;
    }

    public static Result<bool> Enable(StaffMember member) =>
        member.Disabled ? true : DomainError.Conflict("staff.not-disabled", $"{member.Email} is not disabled.");

    private static bool IsLastActiveAdmin(StaffMember member, int activeAdmins) =>
        member.Role == StaffRole.Admin && !member.Disabled && activeAdmins <= 1;
}
