using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Store.Infrastructure.Identity;

/// <summary>
/// Identity's data-protection codes with the reset lifetime (<see cref="AccountOptions.PasswordResetLinkLifetime"/>).
/// A code carries the account's security stamp, which a reset changes: so a reset link works once.
/// </summary>
public sealed class PasswordResetTokenProvider(
    IDataProtectionProvider dataProtectionProvider,
    IOptions<PasswordResetTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<StoreUser>> logger)
    : DataProtectorTokenProvider<StoreUser>(dataProtectionProvider, options, logger)
{
    public const string ProviderName = "PasswordReset";
}
