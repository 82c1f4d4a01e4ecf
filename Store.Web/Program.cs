using Store.Infrastructure;
using Store.Infrastructure.Data;
using Store.Infrastructure.Jobs;
using Store.Web;
using Store.Web.Admin;
using Store.Web.Api;
using Store.Web.Components;
using Store.Web.Hosting;
using Store.Web.Storefront;

var builder = WebApplication.CreateBuilder(args);

// `dotnet run` in Production (./store.sh run) serves package assets (MudBlazor, blazor.web.js) from the build
// manifest as Development does; a published app has them in its wwwroot and this is a no-op.
builder.WebHost.UseStaticWebAssets();
builder.Services.AddStoreInfrastructure(builder.Configuration);
builder.Services.AddStoreJobs(builder.Configuration);
builder.Services.AddStoreWeb();

var app = builder.Build();
if (!app.Configuration.GetValue<bool>("Store:SkipDatabaseInitialization"))
{
    await DatabaseInitializer.InitializeAsync(app.Services);
}

app.UseStoreWeb();
app.MapHealthEndpoints();
app.MapStoreApi();
app.MapStorefrontEndpoints();
app.MapMediaEndpoints();
app.MapSeoEndpoints();
app.MapPwaEndpoints();
app.MapAdminEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
// Awaited: after the awaited initialisation above this runs on a pool thread, which a blocking Run() would hold for the app's life.
await app.RunAsync();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
