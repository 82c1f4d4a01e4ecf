using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Store.Domain.Customers;
using Store.Infrastructure.Customers;
using Store.Web.Security;

namespace Store.Web.Api;

public sealed record SaveAddressRequest(string? Name, string? Line1, string? Line2, string? City, string? Region, string? PostalCode, string? Country, string? Phone = null, bool IsDefault = false)
{
    public AddressDetails ToDetails() => new(Name, Line1, Line2, City, Region, PostalCode, Country, Phone);
}

public sealed record DeleteAccountRequest(string? Password);

/// <summary>
/// The signed-in customer's own data: the address book, the export of everything the store keeps about the account,
/// and the account's deletion. Export and deletion take the current password again.
/// </summary>
public static class CustomerEndpoints
{
    public const string PasswordHeader = "X-Current-Password";

    public static void MapCustomerEndpoints(this RouteGroupBuilder api)
    {
        var account = api.MapGroup("/account").WithTags("Account").RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized);

        account.MapGet("/addresses", ListAddressesAsync).WithSummary("The customer's saved addresses, the default first.");
        account.MapPost("/addresses", AddAddressAsync).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Saves an address; the first one, or one sent with isDefault, becomes the default.");
        account.MapPut("/addresses/{id:guid}", UpdateAddressAsync).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Changes a saved address (and makes it the default with isDefault).");
        account.MapDelete("/addresses/{id:guid}", DeleteAddressAsync).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Deletes a saved address; when it was the default, the newest other one takes over.");
        account.MapGet("/export", ExportAsync)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .AddEndpointFilter(new RateLimitFilter(RateLimited.SignIn))
            .WithSummary("Everything the store keeps about the account, as JSON; the current password in the X-Current-Password header.")
            .WithDescription("Profile, saved addresses, orders with their lines and payments, the cart and the promotions used. 403 when the password is wrong (wrong passwords count towards the account's lockout).");
        account.MapDelete("/", DeleteAccountAsync)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .AddEndpointFilter(new RateLimitFilter(RateLimited.SignIn))
            .WithSummary("Deletes the account, given its current password; orders stay for the accounts, anonymised.")
            .WithDescription("Removes the profile, saved addresses and cart; orders keep their number, lines, amounts, tax and the delivery's country, region and postal code, "
                + "with the name, email and street removed. Every session and token of the account ends. Answers 204 again if the account is already gone; "
                + "403 when the password is wrong, 409 for staff accounts. The password comes in the body or the X-Current-Password header.");
    }

    private static async Task<Ok<IReadOnlyList<SavedAddressSummary>>> ListAddressesAsync(ClaimsPrincipal user, AddressBookService book, CancellationToken ct) =>
        TypedResults.Ok(await book.ListAsync(CustomerId(user), ct));

    private static async Task<Results<Created<SavedAddressSummary>, ValidationProblem, ProblemHttpResult>> AddAddressAsync(
        SaveAddressRequest request, ClaimsPrincipal user, AddressBookService book, CancellationToken ct)
    {
        var details = request.ToDetails();
        if (details.Validate() is { Count: > 0 } errors)
        {
            return ApiResults.Validation(errors);
        }

        var saved = await book.AddAsync(CustomerId(user), details, request.IsDefault, ct);
        return saved.IsSuccess ? TypedResults.Created($"/api/account/addresses/{saved.Value.Id}", saved.Value) : ApiResults.Problem(saved.Error!);
    }

    private static async Task<Results<Ok<SavedAddressSummary>, ValidationProblem, ProblemHttpResult>> UpdateAddressAsync(
        Guid id, SaveAddressRequest request, ClaimsPrincipal user, AddressBookService book, CancellationToken ct)
    {
        var details = request.ToDetails();
        if (details.Validate() is { Count: > 0 } errors)
        {
            return ApiResults.Validation(errors);
        }

        var saved = await book.UpdateAsync(CustomerId(user), id, details, request.IsDefault, ct);
        return saved.IsSuccess ? TypedResults.Ok(saved.Value) : ApiResults.Problem(saved.Error!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAddressAsync(Guid id, ClaimsPrincipal user, AddressBookService book, CancellationToken ct)
    {
        var deleted = await book.DeleteAsync(CustomerId(user), id, ct);
        return deleted.IsSuccess ? TypedResults.NoContent() : ApiResults.Problem(deleted.Error!);
    }

    private static async Task<Results<Ok<PersonalDataExport>, ProblemHttpResult>> ExportAsync(
        [FromHeader(Name = PasswordHeader)] string? password, ClaimsPrincipal user, PersonalDataService data, HttpResponse response, CancellationToken ct)
    {
        var export = await data.ExportAsync(CustomerId(user), password, ct);
        if (!export.IsSuccess)
        {
            return ApiResults.Problem(export.Error!);
        }

        response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(export.Value);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAccountAsync(
        [FromBody] DeleteAccountRequest? request, [FromHeader(Name = PasswordHeader)] string? password, ClaimsPrincipal user, PersonalDataService data, CancellationToken ct)
    {
        var deleted = await data.DeleteAccountAsync(CustomerId(user), request?.Password ?? password, ct);
        return deleted.IsSuccess ? TypedResults.NoContent() : ApiResults.Problem(deleted.Error!);
    }

    private static string CustomerId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;
}
