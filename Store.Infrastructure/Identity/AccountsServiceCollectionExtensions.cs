using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Store.Infrastructure.Common;
using Store.Infrastructure.Outbox;

namespace Store.Infrastructure.Identity;

public static class AccountsServiceCollectionExtensions
{
    /// <summary>Account emails through the outbox, and the lifetimes of tokens and emailed links (Store:Account).</summary>
    public static IServiceCollection AddStoreAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccountOptions>()
            .Bind(configuration.GetSection(AccountOptions.Section))
            .Validate(
                o => o.AccessTokenLifetime > TimeSpan.Zero && o.RefreshTokenLifetime > TimeSpan.Zero && o.PasswordResetLinkLifetime > TimeSpan.Zero && o.EmailLinkLifetime > TimeSpan.Zero
                    && o.StaffInviteLifetime > TimeSpan.Zero,
                "Store:Account lifetimes are positive time spans, e.g. \"01:00:00\".")
            .ValidateOnStart();
        services.AddOptions<DataProtectionTokenProviderOptions>()
            .Configure<IOptions<AccountOptions>>((o, account) => o.TokenLifespan = account.Value.EmailLinkLifetime);
        services.AddOptions<PasswordResetTokenProviderOptions>()
            .Configure<IOptions<AccountOptions>>((o, account) =>
            {
                o.Name = PasswordResetTokenProvider.ProviderName;
                o.TokenLifespan = account.Value.PasswordResetLinkLifetime;
            });
        services.Configure<IdentityOptions>(o => o.Tokens.PasswordResetTokenProvider = PasswordResetTokenProvider.ProviderName);

        services.AddSingleton<OutboxAccountEmailSender>();
        services.AddSingleton<IEmailSender<StoreUser>>(provider => provider.GetRequiredService<OutboxAccountEmailSender>());
        services.AddSingleton(provider =>
        {
            var shop = provider.GetRequiredService<IOptions<ShopOptions>>().Value;
            return new AccountEmailTemplates(shop.Name, shop.PublicBaseUrl);
        });
        services.AddScoped<IOutboxHandler, AccountEmailHandler>();
        return services;
    }
}
