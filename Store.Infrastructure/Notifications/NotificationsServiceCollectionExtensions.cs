using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Store.Infrastructure.Common;
using Store.Infrastructure.Outbox;

namespace Store.Infrastructure.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    public static IServiceCollection AddStoreNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>()
            .Bind(configuration.GetSection(EmailOptions.Section))
            .PostConfigure<IServiceProvider>((email, provider) =>
            {
                email.FromName ??= provider.GetRequiredService<IOptions<ShopOptions>>().Value.Name;
                // No host environment outside the web app (tests, tools): the working directory stands in.
                var root = provider.GetService<IHostEnvironment>()?.ContentRootPath ?? Directory.GetCurrentDirectory();
                email.PickupFolder = Path.GetFullPath(Path.Combine(root, string.IsNullOrWhiteSpace(email.PickupFolder) ? "mail" : email.PickupFolder));
            });

        services.AddSingleton<SmtpEmailSender>();
        services.AddSingleton<PickupFolderEmailSender>();
        services.AddSingleton<IEmailSender>(provider =>
            string.IsNullOrWhiteSpace(provider.GetRequiredService<IOptions<EmailOptions>>().Value.Smtp.Host)
                ? provider.GetRequiredService<PickupFolderEmailSender>()
                : provider.GetRequiredService<SmtpEmailSender>());
        // Scoped, not singleton: the store's name and culture are settings the owner changes while the store runs.
        services.AddScoped(provider =>
        {
            var shop = provider.GetRequiredService<IOptions<ShopOptions>>().Value;
            return new EmailTemplates(shop.Name, shop.PublicBaseUrl, provider.GetRequiredService<MoneyFormatter>().Culture);
        });

        services.AddScoped<OrderEmailQueries>();
        services.AddScoped<OrderMailer>();
        services.AddScoped<IOutboxHandler, OrderPaidEmailHandler>();
        services.AddScoped<IOutboxHandler, PaymentFailedEmailHandler>();
        services.AddScoped<IOutboxHandler, OrderShippedEmailHandler>();
        services.AddScoped<IOutboxHandler, OrderRefundedEmailHandler>();
        services.AddScoped<IOutboxHandler, PaymentDisputedEmailHandler>();
        return services;
    }
}
