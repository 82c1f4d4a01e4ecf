using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Store.Infrastructure.Customers;
using Store.Infrastructure.Identity;

namespace Store.Web.Account;

/// <summary>
/// The account pages' forms that answer with something other than a page: a file to download, or a redirect back.
/// Form-bound endpoints check the antiforgery token like the pages' own forms.
/// </summary>
public static class AccountFormEndpoints
{
    public static IEndpointRouteBuilder MapAccountFormEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").RequireAuthorization().ExcludeFromDescription();
        account.MapPost("/resend-confirmation", ResendConfirmationAsync);
        account.MapPost("/export", ExportAsync);
        return app;
    }

    private static async Task<IResult> ResendConfirmationAsync(
        [FromForm] string? returnUrl, ClaimsPrincipal principal, UserManager<StoreUser> users, OutboxAccountEmailSender emails)
    {
        if (await users.GetUserAsync(principal) is { EmailConfirmed: false, Email: { } email } user)
        {
            await emails.RequestAsync(user.Id, email, AccountEmailKind.ConfirmEmail);
        }

        var back = LoginPage.SafeReturnUrl(returnUrl);
        return Results.LocalRedirect(back + (back.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "sent=confirmation");
    }

    private static async Task<IResult> ExportAsync(
        [FromForm] string? password, ClaimsPrincipal principal, PersonalDataService data, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct)
    {
        var export = await data.ExportAsync(principal.FindFirstValue(ClaimTypes.NameIdentifier)!, password, ct);
        if (!export.IsSuccess)
        {
            return Results.LocalRedirect("/account/privacy?error=" + Uri.EscapeDataString(export.Error!.Code));
        }

        var options = new JsonSerializerOptions(json.Value.SerializerOptions) { WriteIndented = true };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(export.Value, options);
        return Results.File(bytes, "application/json", $"my-data-{export.Value.ExportedAt:yyyy-MM-dd}.json");
    }
}
