using Microsoft.AspNetCore.Identity;

namespace Store.Infrastructure.Identity;

/// <summary>A lifetime of its own for invitation codes.</summary>
public sealed class StaffInviteTokenProviderOptions : DataProtectionTokenProviderOptions;
