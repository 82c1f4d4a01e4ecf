using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Identity;
using Store.Infrastructure.Payments;
using Store.Infrastructure.Payments.PayPal;
using Store.Web.Account;

namespace Store.Web.Storefront;

public static class StorefrontEndpoints
{
    public static IEndpointRouteBuilder MapStorefrontEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/media/products/{slug}.svg", async (string slug, CatalogQueries catalog, HttpResponse response, CancellationToken ct) =>
        {
            if (await catalog.ImageSourceAsync(slug, ct) is not { } source)
            {
                return Results.NotFound();
            }

            response.Headers.CacheControl = "public, max-age=86400";
            return Results.Text(ProductImages.Svg(source.Name, source.Brand), "image/svg+xml");
        }).ExcludeFromDescription();

        app.MapGet("/pay/paypal/return", PayPalReturnAsync).ExcludeFromDescription();

        app.MapPost("/account/logout", async (SignInManager<StoreUser> signIn, IAntiforgery antiforgery, HttpContext http) =>
        {
            // A form post like every other: without the page's token another site could sign the shopper out.
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }

            // A new security stamp ends the account's other sessions too: its apps' bearer and refresh tokens.
            if (await signIn.UserManager.GetUserAsync(http.User) is { } user)
            {
                await signIn.UserManager.UpdateSecurityStampAsync(user);
            }

            await signIn.SignOutAsync();
            return Results.LocalRedirect("/");
        }).ExcludeFromDescription();

        app.MapAccountFormEndpoints();
        return app;
    }

    /// <summary>PayPal sends the buyer back here after approval, adding the PayPal order as "token".</summary>
    private static async Task<IResult> PayPalReturnAsync(Guid payment, string? token, PaymentService payments, CancellationToken ct)
    {
        var returned = await payments.ReturnFromProviderAsync(payment, PayPalPaymentGateway.Name, token, ct);
        return returned.IsSuccess ? Results.LocalRedirect($"/orders/{returned.Value}/confirmation") : Results.NotFound();
    }
}
