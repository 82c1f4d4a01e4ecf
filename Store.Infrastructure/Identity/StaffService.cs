using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Domain.Identity;
using Store.Domain.Settings;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Identity;

/// <summary>
/// The owner's staff page: who works in the store, in which role, and who may no longer sign in. Every change runs
/// in one transaction with its audit entry, renews the account's security stamp (so its sessions and tokens end at
/// once and it signs in again with the new rights), and is decided under one lock, so two owners working at once
/// cannot each remove "the other" last Admin.
/// </summary>
public sealed class StaffService(StoreDbContext db, UserManager<StoreUser> users, Outbox.Outbox outbox, AuditLog audit)
{
    public async Task<IReadOnlyList<StaffSummary>> ListAsync(CancellationToken ct = default)
    {
        var rows = await db.UserRoles
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, Role = r.Name })
            .Where(x => StoreRoles.All.Contains(x.Role!))
            .Join(db.Users, x => x.UserId, u => u.Id, (x, u) => new
            {
                u.Id,
                u.Email,
                u.DisplayName,
                x.Role,
                HasPassword = u.PasswordHash != null,
                u.LockoutEnd,
                u.TwoFactorEnabled,
                u.CreatedAt,
            })
            .AsNoTracking()
            .ToListAsync(ct);
        return [.. rows
            .OrderBy(r => Enum.Parse<StaffRole>(r.Role!))
            .ThenBy(r => r.Email, StringComparer.OrdinalIgnoreCase)
            .Select(r => new StaffSummary(
                r.Id,
                r.Email ?? "",
                r.DisplayName,
                Enum.Parse<StaffRole>(r.Role!),
                IsDisabled(r.LockoutEnd) ? StaffState.Disabled : r.HasPassword ? StaffState.Active : StaffState.Invited,
                r.TwoFactorEnabled,
                r.CreatedAt))];
    }

    /// <summary>
    /// Gives <paramref name="email"/> a staff account in <paramref name="role"/> and mails it a one-time link to choose
    /// its password. An address that already has a customer account keeps it and gains the role.
    /// </summary>
    public Task<Result<string>> InviteAsync(string? email, StaffRole role, string actor, CancellationToken ct = default) =>
        db.RetriableAsync(token => InviteOnceAsync(email, role, actor, token), ct);

    public Task<Result<StaffRole>> ChangeRoleAsync(string userId, StaffRole role, string actor, CancellationToken ct = default) =>
        db.RetriableAsync(token => ChangeRoleOnceAsync(userId, role, actor, token), ct);

    public Task<Result<bool>> DisableAsync(string userId, string actor, CancellationToken ct = default) =>
        db.RetriableAsync(token => SetDisabledOnceAsync(userId, disable: true, actor, token), ct);

    public Task<Result<bool>> EnableAsync(string userId, string actor, CancellationToken ct = default) =>
        db.RetriableAsync(token => SetDisabledOnceAsync(userId, disable: false, actor, token), ct);

    /// <summary>Mails a fresh invitation link to an account that has not chosen its password yet.</summary>
    public Task<Result<bool>> ResendInviteAsync(string userId, string actor, CancellationToken ct = default) =>
        db.RetriableAsync(token => ResendInviteOnceAsync(userId, actor, token), ct);

    /// <summary>
    /// Sets the invited account's password from the emailed link. Setting it renews the security stamp the code
    /// carries, so the link works once; it also confirms the email, since the link could only be read there.
    /// </summary>
    public Task<Result<bool>> AcceptInviteAsync(string? userId, string? code, string password, CancellationToken ct = default) =>
        db.RetriableAsync(token => AcceptInviteOnceAsync(userId, code, password, token), ct);

    /// <summary>
    /// A disabled account is locked out until this date: Identity then refuses every sign-in (page, API) with its own
    /// checks. A fixed far date rather than DateTimeOffset.MaxValue, which PostgreSQL's microseconds cannot hold exactly.
    /// </summary>
    public static readonly DateTimeOffset DisabledUntil = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static bool IsDisabled(DateTimeOffset? lockoutEnd) => lockoutEnd >= DisabledUntil;

    private async Task<Result<string>> InviteOnceAsync(string? email, StaffRole role, string actor, CancellationToken ct)
    {
        if (!StoreProfile.IsEmail(email))
        {
            return DomainError.Invalid("staff.email", "Give the email address of the person to invite.");
        }

        var address = email!.Trim();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockStaffAsync(ct);
        var user = await users.FindByEmailAsync(address);
        if (user is not null && await RoleOfAsync(user) is { } existing)
        {
            return DomainError.Conflict("staff.exists", $"{address} already has a staff account ({existing}).");
        }

        var isNew = user is null;
        user ??= new StoreUser { UserName = address, Email = address };
        var result = isNew ? await users.CreateAsync(user) : IdentityResult.Success;
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(user, role.ToString());
        }

        if (result.Succeeded && !isNew)
        {
            // A customer's open sessions end, so they sign in again with the new role in their cookie.
            result = await users.UpdateSecurityStampAsync(user);
        }

        if (!result.Succeeded)
        {
            return DomainError.Invalid("staff.invite", string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        outbox.Add(new AccountEmailRequested(user.Id, address, AccountEmailKind.StaffInvite));
        audit.Record(actor, "staff.invited", "user", address, new { Role = role.ToString(), ExistingAccount = !isNew });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return user.Id;
    }

    private async Task<Result<StaffRole>> ChangeRoleOnceAsync(string userId, StaffRole role, string actor, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockStaffAsync(ct);
        if (await MemberAsync(userId) is not ({ } user, { } member))
        {
            return DomainError.NotFound("staff.not-found", "No staff account with that id.");
        }

        var allowed = StaffRoster.ChangeRole(member, role, await ActiveAdminsAsync(ct));
        if (!allowed.IsSuccess)
        {
            return allowed;
        }

        var result = await users.RemoveFromRoleAsync(user, member.Role.ToString());
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(user, role.ToString());
        }

        if (result.Succeeded)
        {
            // The role is in the account's cookies and tokens: they end now rather than keep the old rights.
            result = await users.UpdateSecurityStampAsync(user);
        }

        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Changing the role failed: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        audit.Record(actor, "staff.role-changed", "user", member.Email, new { Before = member.Role.ToString(), After = role.ToString() });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return role;
    }

    private async Task<Result<bool>> SetDisabledOnceAsync(string userId, bool disable, string actor, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockStaffAsync(ct);
        if (await MemberAsync(userId) is not ({ } user, { } member))
        {
            return DomainError.NotFound("staff.not-found", "No staff account with that id.");
        }

        var allowed = disable ? StaffRoster.Disable(member, await ActiveAdminsAsync(ct)) : StaffRoster.Enable(member);
        if (!allowed.IsSuccess)
        {
            return allowed;
        }

        user.LockoutEnabled = true;
        user.LockoutEnd = disable ? DisabledUntil : null;
        user.AccessFailedCount = 0;
        var result = await users.UpdateAsync(user);
        if (result.Succeeded && disable)
        {
            result = await users.UpdateSecurityStampAsync(user);
        }

        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Changing the account failed: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        audit.Record(actor, disable ? "staff.disabled" : "staff.enabled", "user", member.Email, new { Role = member.Role.ToString() });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private async Task<Result<bool>> ResendInviteOnceAsync(string userId, string actor, CancellationToken ct)
    {
        if (await MemberAsync(userId) is not ({ } user, { } member))
        {
            return DomainError.NotFound("staff.not-found", "No staff account with that id.");
        }

        if (await users.HasPasswordAsync(user) || member.Disabled)
        {
            return DomainError.Conflict("staff.not-invited", $"{member.Email} has already accepted the invitation (or is disabled).");
        }

        outbox.Add(new AccountEmailRequested(user.Id, member.Email, AccountEmailKind.StaffInvite));
        audit.Record(actor, "staff.invite-resent", "user", member.Email, new { Role = member.Role.ToString() });
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task<Result<bool>> AcceptInviteOnceAsync(string? userId, string? code, string password, CancellationToken ct)
    {
        var invalid = DomainError.Invalid("staff.invite-link", "This invitation link has expired or was already used. Ask the store's owner for a new one.");
        var token = AccountEmailHandler.Decode(code);
        if (string.IsNullOrEmpty(userId) || token is null)
        {
            return invalid;
        }

        // The account's row stays locked until the password is set: a second use of the link, even at the same
        // moment, then reads the renewed security stamp and is refused.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM \"AspNetUsers\" WHERE id = {userId} FOR UPDATE", ct);
        if (await MemberAsync(userId) is not ({ } user, { } member) || member.Disabled
            || !await users.VerifyUserTokenAsync(user, StaffInviteTokenProvider.ProviderName, StaffInviteTokenProvider.Purpose, token))
        {
            return invalid;
        }

        var result = await users.HasPasswordAsync(user) ? await users.RemovePasswordAsync(user) : IdentityResult.Success;
        if (result.Succeeded)
        {
            result = await users.AddPasswordAsync(user, password);
        }

        if (!result.Succeeded)
        {
            // The transaction is not committed: a refused password leaves the account as it was.
            return DomainError.Invalid("staff.password", string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        user.EmailConfirmed = true;
        await users.UpdateAsync(user);
        audit.Record(member.Email, "staff.invite-accepted", "user", member.Email, new { Role = member.Role.ToString() });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private Task LockStaffAsync(CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtext('store-staff'))", ct);

    private async Task<(StoreUser User, StaffMember Member)?> MemberAsync(string userId)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null || await RoleOfAsync(user) is not { } role)
        {
            return null;
        }

        return (user, new StaffMember(user.Id, user.Email ?? "", role, IsDisabled(user.LockoutEnd)));
    }

    private async Task<StaffRole?> RoleOfAsync(StoreUser user) =>
        (await users.GetRolesAsync(user)).Select(r => StaffRoster.TryParseRole(r, out var role) ? role : (StaffRole?)null).FirstOrDefault(r => r is not null);

    private Task<int> ActiveAdminsAsync(CancellationToken ct) =>
        db.UserRoles
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .Where(x => x.Name == StoreRoles.Admin)
            .Join(db.Users, x => x.UserId, u => u.Id, (x, u) => u)
            .CountAsync(u => u.LockoutEnd == null || u.LockoutEnd < DisabledUntil, ct);
}

public enum StaffState
{
    /// <summary>Invited, has not chosen a password yet.</summary>
    Invited,
    Active,
    Disabled,
}

public sealed record StaffSummary(string Id, string Email, string? DisplayName, StaffRole Role, StaffState State, bool TwoFactorEnabled, DateTimeOffset CreatedAt);
