using Microsoft.AspNetCore.Identity;
using Store.Domain.Common;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Identity;

/// <summary>
/// Authenticator-app sign-in (TOTP, Identity's authenticator token provider) for an account: the shared key, turning
/// it on with a first code, recovery codes, turning it off. Each change renews the security stamp (Identity does),
/// so the caller signs the browser in again; a staff account's changes are audited.
/// </summary>
public sealed class TwoFactorService(StoreDbContext db, UserManager<StoreUser> users, AuditLog audit)
{
    public const int RecoveryCodeCount = 10;

    /// <summary>The account's authenticator key, made now if it has none; <c>Created</c> says the stamp changed.</summary>
    public async Task<(string Key, bool Created)> KeyAsync(StoreUser user)
    {
        if (await users.GetAuthenticatorKeyAsync(user) is { Length: > 0 } key)
        {
            return (key, false);
        }

        await users.ResetAuthenticatorKeyAsync(user);
        return ((await users.GetAuthenticatorKeyAsync(user))!, true);
    }

    /// <summary>The otpauth:// address authenticator apps read from the QR code.</summary>
    public static string AuthenticatorUri(string issuer, string account, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6";

    /// <summary>Turns two-factor sign-in on once <paramref name="code"/> proves the app has the key; returns the recovery codes, shown once.</summary>
    public Task<Result<IReadOnlyList<string>>> EnableAsync(StoreUser user, string? code, CancellationToken ct = default) =>
        db.RetriableAsync(token => EnableOnceAsync(user.Id, code, token), ct);

    public Task<Result<IReadOnlyList<string>>> NewRecoveryCodesAsync(StoreUser user, CancellationToken ct = default) =>
        db.RetriableAsync(token => NewRecoveryCodesOnceAsync(user.Id, token), ct);

    public Task<Result<bool>> DisableAsync(StoreUser user, CancellationToken ct = default) =>
        db.RetriableAsync(token => DisableOnceAsync(user.Id, token), ct);

    private async Task<Result<IReadOnlyList<string>>> EnableOnceAsync(string userId, string? code, CancellationToken ct)
    {
        var digits = (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("The signed-in account no longer exists.");
        if (digits.Length == 0 || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, digits))
        {
            return DomainError.Invalid("two-factor.code", "That code is not right. Check that your phone's clock is set automatically and try the next code.");
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? [];
        await RecordAsync(user, "staff.two-factor-enabled");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result<IReadOnlyList<string>>.Ok([.. codes]);
    }

    private async Task<Result<IReadOnlyList<string>>> NewRecoveryCodesOnceAsync(string userId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("The signed-in account no longer exists.");
        if (!user.TwoFactorEnabled)
        {
            return DomainError.Conflict("two-factor.off", "Turn two-factor sign-in on first.");
        }

        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? [];
        await RecordAsync(user, "staff.recovery-codes-renewed");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result<IReadOnlyList<string>>.Ok([.. codes]);
    }

    private async Task<Result<bool>> DisableOnceAsync(string userId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("The signed-in account no longer exists.");
        if (!user.TwoFactorEnabled)
        {
            return DomainError.Conflict("two-factor.off", "Two-factor sign-in is already off.");
        }

        // A new key too: turning it on again must not silently reuse a key that may have leaked.
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await RecordAsync(user, "staff.two-factor-disabled");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private async Task RecordAsync(StoreUser user, string action)
    {
        if ((await users.GetRolesAsync(user)).Any(StoreRoles.All.Contains))
        {
            audit.Record(user.Email ?? user.Id, action, "user", user.Email ?? user.Id);
        }
    }
}
