using Microsoft.Extensions.DependencyInjection;
using Store.Infrastructure.Data;

namespace Store.Tests.Support;

/// <summary>A test class's own database (a copy of the seeded template) and the real service registrations over it.</summary>
public class DatabaseFixture : IAsyncLifetime
{
    public string DatabaseName { get; private set; } = "";
    public string ConnectionString => TestDatabase.ConnectionStringFor(DatabaseName);
    public ServiceProvider Services { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        DatabaseName = await CreateDatabaseAsync();
        Services = TestDatabase.Services(DatabaseName, await SettingsAsync(), ConfigureServices);
    }

    public virtual async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await TestDatabase.DropAsync(DatabaseName);
    }

    /// <summary>A new DI scope: one request's worth of services with its own DbContext.</summary>
    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    public T Get<T>(AsyncServiceScope scope)
        where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    public StoreDbContext NewDbContext() => Services.CreateScope().ServiceProvider.GetRequiredService<StoreDbContext>();

    /// <summary>The database this fixture works on: by default a copy of the seeded template.</summary>
    protected virtual Task<string> CreateDatabaseAsync() => TestDatabase.CreateAsync();

    /// <summary>Configuration on top of the defaults for every service of this fixture.</summary>
    protected virtual Task<IReadOnlyDictionary<string, string?>?> SettingsAsync() => Task.FromResult<IReadOnlyDictionary<string, string?>?>(null);

    /// <summary>Registrations on top of the real ones (a test clock).</summary>
    protected virtual void ConfigureServices(IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
    }
}
