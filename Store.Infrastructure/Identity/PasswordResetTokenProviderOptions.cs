using Microsoft.AspNetCore.Identity;

namespace Store.Infrastructure.Identity;

/// <summary>A lifetime of its own for reset codes; Identity's default provider shares one with confirmation links.</summary>
public sealed class PasswordResetTokenProviderOptions : DataProtectionTokenProviderOptions;
