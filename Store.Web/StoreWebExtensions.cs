using System.IO.Compression;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.ResponseCompression;
using MudBlazor.Services;
using Store.Web.Hosting;
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
        services.AddProblemDetails();
        services.AddExceptionHandler<Api.ApiExceptionHandler>();
        services.AddStoreForwardedHeaders();

        // Binding failures throw, so the handler above can say what was wrong instead of a bare 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddOpenApi();
        services.AddAuthorization();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
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
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapOpenApi();
        return app;
    }

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

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
