using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Store.Domain.Common;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Caching;
using Store.Infrastructure.Cart;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Checkout;
using Store.Infrastructure.Common;
using Store.Infrastructure.Customers;
using Store.Infrastructure.Data;
using Store.Infrastructure.Identity;
using Store.Infrastructure.Inventory;
using Store.Infrastructure.Jobs;
using Store.Infrastructure.Notifications;
using Store.Infrastructure.Ordering;
using Store.Infrastructure.Outbox;
using Store.Infrastructure.Payments;
using Store.Infrastructure.Settings;
using Store.Infrastructure.Settings.Providers;
using Store.Infrastructure.Shipping.Carriers;

namespace Store.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// The store runs the same few dozen statements all day (catalog, search, cart, checkout): Npgsql prepares those used
    /// five times on a connection, so PostgreSQL parses and plans them once per connection instead of on every call (an
    /// uncached search spent a quarter of its database time in parse and bind). Bounded per connection (least recently
    /// used first out); a connection string that sets "Max Auto Prepare" itself keeps its value (0 turns it off).
    /// </summary>
    public static string WithAutoPrepare(string connectionString) =>
        Names(connectionString, "MaxAutoPrepare")
            ? connectionString
            : new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 128 }.ConnectionString;

    /// <summary>
    /// A connection going back to the pool is not reset. With prepared statements on it, Npgsql's reset is seven
    /// statements (CLOSE ALL, SET SESSION AUTHORIZATION DEFAULT, RESET ALL, UNLISTEN *, pg_advisory_unlock_all(),
    /// DISCARD TEMP, DISCARD SEQUENCES) sent before the next command; EF opens a pooled connection for each query
    /// outside a transaction, so an order paid them about 16 times: half of the statements PostgreSQL ran for it.
    /// The store leaves no session state to reset: no SET, temporary table or LISTEN on pooled connections (the cache
    /// listener and the start-up lock have connections of their own), and the one session-level advisory lock
    /// (ProductImageService's picture lock) is released before its connection is closed. A connection string that
    /// sets "No Reset On Close" itself keeps its value.
    /// </summary>
    public static string WithoutResetOnClose(string connectionString) =>
        Names(connectionString, "NoResetOnClose")
            ? connectionString
            : new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString;

    // NpgsqlConnectionStringBuilder knows every keyword, so whether the string itself names one is read generically.
    private static bool Names(string connectionString, string keyword) =>
        new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals(keyword, StringComparison.OrdinalIgnoreCase));

    public static IServiceCollection AddStoreInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = WithoutResetOnClose(WithAutoPrepare(configuration.GetConnectionString("Store")
            ?? throw new InvalidOperationException("ConnectionStrings:Store is not set. Start the store with ./store.sh run, or set ConnectionStrings__Store.")));

        var retries = configuration.GetSection(DatabaseRetryOptions.Section).Get<DatabaseRetryOptions>() ?? new DatabaseRetryOptions();
        services.AddStoreSettings(configuration, connectionString);
        services.AddProviderSettings(configuration, connectionString);
        services.Configure<JobsOptions>(configuration.GetSection(JobsOptions.Section));
        services.Configure<Search.SearchOptions>(configuration.GetSection(Search.SearchOptions.Section));
        services.AddStoreCaching(configuration, connectionString);
        services.AddAdminAlerts(connectionString);
        services.AddSingleton<RatesCache>();
        services.AddSingleton<MoneyFormatter>();
        services.AddDbContextPool<StoreDbContext>((provider, o) => o
            .UseNpgsql(connectionString, npgsql => npgsql
                .MigrationsAssembly(typeof(StoreDbContext).Assembly.GetName().Name)
                .ExecutionStrategy(dependencies => new StoreRetryingExecutionStrategy(dependencies, retries)))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(provider.GetRequiredService<RatesCache>()));

        services.AddStoreDataProtection(configuration);
        services.AddIdentityCore<StoreUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.SignIn.RequireConfirmedAccount = false;
                o.Lockout.MaxFailedAccessAttempts = 10;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<StoreDbContext>()
            .AddUserManager<StoreUserManager>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddTokenProvider<PasswordResetTokenProvider>(PasswordResetTokenProvider.ProviderName)
            .AddApiEndpoints();
        services.AddStoreAccounts(configuration);
        services.AddStoreStaff();
        services.AddCustomers();

        services.AddSingleton<IClock, SystemClock>();
        services.AddMemoryCache(o => o.SizeLimit = 20_000);
        services.AddSingleton<CatalogCache>();
        services.AddScoped<AuditLog>();
        services.AddScoped<AuditQueries>();
        services.AddScoped<Outbox.Outbox>();
        services.AddScoped<OutboxDispatcher>();
        services.AddScoped<OutboxQueries>();
        services.AddScoped<CatalogQueries>();
        services.AddScoped<RecommendationQueries>();
        services.AddScoped<Recommendations.SalesSignalsService>();
        services.AddScoped<ProductAdminService>();
        services.AddScoped<BrandService>();
        services.AddScoped<CategoryAdminService>();
        services.AddScoped<VariantGridService>();
        services.AddScoped<AttributeService>();
        services.AddScoped<Catalog.Import.ProductImportService>();
        services.AddStoreImages(configuration);
        services.AddScoped<Content.ContentPageService>();
        services.AddScoped<Search.ProductSearch>();
        services.AddScoped<Search.SynonymService>();
        services.AddScoped<Search.SearchReport>();
        services.AddSingleton<Search.SearchLogWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<Search.SearchLogWriter>());
        services.AddScoped<CartService>();
        services.AddScoped<CartCountQueries>();
        services.AddScoped<InventoryService>();
        services.AddScoped<InventoryQueries>();
        services.AddScoped<ReservationExpiryService>();
        services.AddScoped<PurchaseOrderService>();
        services.AddScoped<LocationService>();
        services.AddScoped<SupplierService>();
        services.AddScoped<ReorderService>();
        services.AddScoped<Reports.SalesReportService>();
        services.AddScoped<Reports.DashboardQueries>();
        services.AddScoped<Reports.ReportQueries>();
        services.AddScoped<Outbox.IOutboxHandler, StockLowHandler>();
        services.AddScoped<Idempotency.IdempotencyService>();
        services.AddScoped<Integrity.IntegrityMonitor>();
        services.AddScoped<CheckoutService>();
        services.AddScoped<CheckoutTotalsService>();
        services.AddScoped<Pricing.PriceResolver>();
        services.AddScoped<Pricing.MarkdownService>();
        services.AddScoped<Pricing.PriceFacts>();
        services.AddScoped<Pricing.PricingAdminService>();
        services.AddScoped<Pricing.CustomerPricingAdminService>();
        services.AddScoped<Promotions.PromotionRedemptions>();
        services.AddScoped<Promotions.PromotionAdminService>();
        services.AddPayments(configuration);
        services.AddScoped<PaymentGateways>();
        services.AddScoped<PaymentService>();
        services.AddScoped<ProviderRefundService>();
        services.AddScoped<DisputeService>();
        services.AddScoped<PaymentReconciliationService>();
        services.AddScoped<OrderQueries>();
        services.AddScoped<OrderAdminService>();
        services.AddScoped<FulfilmentService>();
        services.AddScoped<IOutboxHandler, AutoFulfilmentHandler>();
        services.AddScoped<Shipping.ShipmentService>();
        services.AddScoped<Shipping.TrackingQueries>();
        services.AddScoped<Shipping.ShippingLabelService>();
        services.AddScoped<InvoiceService>();
        services.AddScoped<Tax.TaxAdminService>();
        services.AddScoped<Tax.TaxCoverageQueries>();
        services.AddScoped<Shipping.ShippingAdminService>();
        services.AddScoped<Outbox.IOutboxHandler, InvoiceOnPaymentHandler>();
        services.AddStoreNotifications(configuration);
        services.AddStoreCarriers(configuration);
        return services;
    }
}
