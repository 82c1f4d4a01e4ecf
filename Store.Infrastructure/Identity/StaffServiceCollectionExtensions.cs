using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Store.Infrastructure.Identity;

public static class StaffServiceCollectionExtensions
{
    /// <summary>Staff accounts: invitations (their code provider and lifetime), roles, disabling, and the two-factor claim.</summary>
    public static IServiceCollection AddStoreStaff(this IServiceCollection services)
    {
        services.AddOptions<StaffInviteTokenProviderOptions>()
            .Configure<IOptions<AccountOptions>>((o, account) =>
            {
                o.Name = StaffInviteTokenProvider.ProviderName;
                o.TokenLifespan = account.Value.StaffInviteLifetime;
            });
        services.AddTransient<StaffInviteTokenProvider>();
        services.Configure<IdentityOptions>(o =>
            o.Tokens.ProviderMap[StaffInviteTokenProvider.ProviderName] = new TokenProviderDescriptor(typeof(StaffInviteTokenProvider)));
        services.AddScoped<IUserClaimsPrincipalFactory<StoreUser>, StoreClaimsPrincipalFactory>();
        services.AddScoped<StaffService>();
        services.AddScoped<TwoFactorService>();
        return services;
    }
}
