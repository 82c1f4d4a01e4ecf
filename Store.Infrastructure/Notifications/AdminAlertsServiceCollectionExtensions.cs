using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Store.Domain.Common;
using Store.Infrastructure.Common;
using Store.Infrastructure.Data;
using Store.Infrastructure.Outbox;

namespace Store.Infrastructure.Notifications;

public static class AdminAlertsServiceCollectionExtensions
{
    /// <summary>
    /// Live alerts on the admin pages of every instance: outbox handlers NOTIFY, a listener per instance hears it.
    /// PostgreSQL carries them even where Redis carries the cache messages: the database is the one thing every
    /// instance is sure to share.
    /// </summary>
    public static IServiceCollection AddAdminAlerts(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton<AdminAlerts>();
        foreach (var kind in AdminAlert.Kinds)
        {
            services.AddScoped<IOutboxHandler>(sp => new AdminAlertHandler(
                kind, sp.GetRequiredService<StoreDbContext>(), sp.GetRequiredService<MoneyFormatter>(), sp.GetRequiredService<IClock>()));
        }

        services.AddSingleton(sp => new AdminAlertListener(
            AdminAlertListener.ListenerConnectionString(connectionString),
            sp.GetRequiredService<AdminAlerts>(),
            sp.GetRequiredService<ILogger<AdminAlertListener>>()));
        services.AddHostedService(sp => sp.GetRequiredService<AdminAlertListener>());
        return services;
    }
}
