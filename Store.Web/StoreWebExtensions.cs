using System.IO.Compression;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.ResponseCompression;
using MudBlazor.Services;
using Store.Infrastructure.Data;
using Store.Infrastructure.Settings;
using Store.Web.Hosting;
using Store.Web.Identity;
using Store.Web.Security;
using Store.Web.Storefront;

namespace Store.Web;

public static class StoreWebExtensions
{
    public static IServiceCollection AddStoreWeb(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();
        services.AddScoped<CartContext>();
        services.AddSingleton<AnonymousPageCache>();
        services.AddScoped<CurrentStaff>();
        services.AddProblemDetails();
        services.AddExceptionHandler<Hosting.DatabaseUnavailableHandler>();
        services.AddExceptionHandler<Api.ApiExceptionHandler>();
        services.AddOptions<Security.RateLimitOptions>().BindConfiguration(Security.RateLimitOptions.Section);
        services.AddOptions<Security.RequestLimitOptions>().BindConfiguration(Security.RequestLimitOptions.Section);
        services.AddSingleton<Security.AddressRateLimits>();

        // Every cookie (sign-in, antiforgery, cart, recently viewed) is Secure when the request came over HTTPS, also
        // behind a proxy once the forwarded headers have set the scheme.
        services.Configure<CookiePolicyOptions>(o =>
        {
            o.Secure = CookieSecurePolicy.SameAsRequest;
            o.HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.None;
            o.MinimumSameSitePolicy = SameSiteMode.Lax;
        });
        services.AddStoreForwardedHeaders();

        // Binding failures throw, so the handler above can say what was wrong instead of a bare 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddOpenApi(o => o.AddDocumentTransformer<Api.BearerSecuritySchemeTransformer>()
            .AddOperationTransformer<Api.BearerSecuritySchemeTransformer>()
            .AddOperationTransformer<Api.ApiOperationTransformer>()
            .AddSchemaTransformer<Api.ApiOperationTransformer>());
        services.AddAuthorization();
        services.AddStoreAuthentication();
        services.AddStorePolicies();
        services.AddCookieSessionValidation();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, SessionRevalidator>();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.Name = "store_auth";
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);

            // The API answers 401/403; only pages redirect to the sign-in form.
            o.Events.OnRedirectToLogin = ctx => Challenge(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => Challenge(ctx, StatusCodes.Status403Forbidden);
        });
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["image/svg+xml"]);
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    public static WebApplication UseStoreWeb(this WebApplication app)
    {
        // First: everything after it (HSTS, cookies' Secure flag, rate limits, logs) sees the shopper, not the proxy.
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseResponseCompression();
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        // Errors without a body: pages re-execute as the not-found page; the API (inner, so it writes first)
        // answers ProblemDetails for 400 (unreadable JSON), 401, 404 and the like.
        app.UseStatusCodePagesWithReExecute("/not-found");
        app.UseWhen(ctx => IsApi(ctx.Request), api => api.UseStatusCodePages());
        app.UseHeadAsGet();
        app.UseRequestSizeLimits();

        // PostgreSQL text cannot hold a NUL character: a URL carrying one (%00) is refused here with a 400 (the API's
        // as ProblemDetails) instead of failing in the database as a 500.
        app.Use((ctx, next) =>
        {
            if (ctx.Request.QueryString.Value?.Contains("%00", StringComparison.Ordinal) == true)
            {
                ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
                return Task.CompletedTask;
            }

            return next(ctx);
        });
        app.UseRouting();
        app.MapStaticAssets();
        app.UseCookiePolicy();
        app.UseFirstRunSetup();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.Use((http, next) => http.RequestServices.GetRequiredService<AnonymousPageCache>().InvokeAsync(http, next));
        app.MapOpenApi();
        return app;
    }

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    /// <summary>
    /// Until the store has a staff account, every page visit leads to the setup form. Files, the API, Blazor's own
    /// endpoints and the health check are left alone; once set up, this costs one field read per request.
    /// </summary>
    private static void UseFirstRunSetup(this WebApplication app) =>
        app.Use(async (ctx, next) =>
        {
            var state = ctx.RequestServices.GetRequiredService<SetupState>();
            if (!state.KnownComplete && IsPageVisit(ctx.Request)
                && !await state.IsCompleteAsync(ctx.RequestServices.GetRequiredService<StoreDbContext>(), ctx.RequestAborted))
            {
                ctx.Response.Redirect("/setup");
                return;
            }

            await next(ctx);
        });

    private static bool IsPageVisit(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && !Path.HasExtension(request.Path.Value)
        && !new[] { "/setup", "/api", "/_framework", "/_blazor", "/_content", "/media", "/healthz", "/openapi", "/error", "/not-found" }
            .Any(prefix => request.Path.StartsWithSegments(prefix));

    private static Task Challenge(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (IsApi(ctx.Request))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
