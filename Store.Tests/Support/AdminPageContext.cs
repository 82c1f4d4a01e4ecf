using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Store.Infrastructure;

namespace Store.Tests.Support;

/// <summary>
/// bUnit for a staff page over a test class's own database: MudBlazor, the store's real services and a signed-in
/// staff member. <paramref name="settings"/> add configuration (an images folder, say).
/// </summary>
public abstract class AdminPageContext : BunitContext, IAsyncLifetime
{
    protected AdminPageContext(string connectionString, string user, IReadOnlyDictionary<string, string?>? settings = null)
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLogging();
        Services.AddStoreInfrastructure(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Store"] = connectionString })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build());
        Services.AddScoped<Store.Web.Identity.CurrentStaff>();
        Auth = AddAuthorization();
        Auth.SetAuthorized(user);
    }

    /// <summary>The signed-in staff member's roles and policies, for pages that check them.</summary>
    protected BunitAuthorizationContext Auth { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are async-disposable only; xUnit's synchronous Dispose alone would throw.
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
