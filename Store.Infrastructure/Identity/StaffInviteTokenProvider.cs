using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Store.Infrastructure.Identity;

/// <summary>
/// Identity's data-protection codes with the staff invitation's lifetime (<see cref="AccountOptions.StaffInviteLifetime"/>).
/// A code carries the account's security stamp, which setting the password changes: so an invitation link works once.
/// </summary>
public sealed class StaffInviteTokenProvider(
    IDataProtectionProvider dataProtectionProvider,
    IOptions<StaffInviteTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<StoreUser>> logger)
    : DataProtectorTokenProvider<StoreUser>(dataProtectionProvider, options, logger)
{
    public const string ProviderName = "StaffInvite";
    public const string Purpose = "staff-invite";
}
