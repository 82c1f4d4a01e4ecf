using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Store.Domain.Common;

namespace Store.Infrastructure.Identity;

/// <summary>
/// Identity's user manager, which also dates a new account. Accounts are created by code the store does not own
/// (MapIdentityApi's register builds the user with <c>new StoreUser()</c>), so the date is set where every path meets.
/// </summary>
public sealed class StoreUserManager(
    IUserStore<StoreUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<StoreUser> passwordHasher,
    IEnumerable<IUserValidator<StoreUser>> userValidators,
    IEnumerable<IPasswordValidator<StoreUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<StoreUser>> logger,
    IClock clock)
    : UserManager<StoreUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override Task<IdentityResult> CreateAsync(StoreUser user)
    {
        if (user.CreatedAt == default)
        {
            user.CreatedAt = clock.UtcNow;
        }

        return base.CreateAsync(user);
    }
}
