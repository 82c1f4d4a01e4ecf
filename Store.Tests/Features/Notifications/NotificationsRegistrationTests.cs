using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Store.Infrastructure.Notifications;

namespace Store.Tests.Features.Notifications;

public class NotificationsRegistrationTests
{
    [Fact]
    public void AddStoreNotifications_WhenNoSmtpHost_SendsToTheMailFolderUnderTheContentRoot()
    {
        using var services = Build([], contentRoot: "/srv/store");

        Assert.IsType<PickupFolderEmailSender>(services.GetRequiredService<IEmailSender>());
        Assert.Equal("/srv/store/mail", services.GetRequiredService<IOptions<EmailOptions>>().Value.PickupFolder);
    }

    [Fact]
    public void AddStoreNotifications_WhenPickupFolderIsAbsolute_KeepsIt()
    {
        using var services = Build(new() { ["Store:Email:PickupFolder"] = "/var/mail/store" }, contentRoot: "/srv/store");

        Assert.Equal("/var/mail/store", services.GetRequiredService<IOptions<EmailOptions>>().Value.PickupFolder);
    }

    [Fact]
    public void AddStoreNotifications_WhenSmtpHostIsSet_SendsThroughSmtpWithTheConfiguredSettings()
    {
        using var services = Build(new()
        {
            ["Store:Email:Smtp:Host"] = "smtp.example.com",
            ["Store:Email:Smtp:SecureSocket"] = "SslOnConnect",
        });

        Assert.IsType<SmtpEmailSender>(services.GetRequiredService<IEmailSender>());
        var smtp = services.GetRequiredService<IOptions<EmailOptions>>().Value.Smtp;
        Assert.Equal(("smtp.example.com", 587, SmtpSecurity.SslOnConnect), (smtp.Host, smtp.Port, smtp.SecureSocket));
    }

    [Fact]
    public void AddStoreNotifications_WhenFromNameIsNotSet_UsesTheStoreName()
    {
        using var services = Build(new() { ["Store:Name"] = "Harbor Goods" });

        var email = services.GetRequiredService<IOptions<EmailOptions>>().Value;
        Assert.Equal(("Harbor Goods", "shop@store.local", "staff@store.local"), (email.FromName, email.FromAddress, email.StaffAddress));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, string? contentRoot = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.Configure<Store.Infrastructure.Common.ShopOptions>(configuration.GetSection("Store"));
        if (contentRoot is not null)
        {
            services.AddSingleton<IHostEnvironment>(new HostingEnvironment { ContentRootPath = contentRoot });
        }

        services.AddSingleton<Store.Domain.Common.IClock, Store.Infrastructure.Common.SystemClock>();
        return services.AddStoreNotifications(configuration).BuildServiceProvider();
    }
}
