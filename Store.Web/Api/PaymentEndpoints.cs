using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Store.Domain.Common;
using Store.Infrastructure.Payments;
using Store.Infrastructure.Payments.PayPal;
using Store.Infrastructure.Payments.Square;

namespace Store.Web.Api;

/// <summary>Method: one of GET /api/payments/methods ("stripe", "paypal", …); omitted, the payment already waiting or the first offered.</summary>
public sealed record StartPaymentRequest(Guid OrderId, string? Method = null);

/// <summary>The payment methods a shopper may choose, in the store's order; the first is the default.</summary>
public sealed record PaymentMethodsAnswer(IReadOnlyList<PaymentMethodSummary> Methods);

public sealed record PaymentMethodSummary(string Method, string Name);

/// <summary>What the test provider's hosted page asks for: 4242 4242 4242 4242 is approved, 4000 0000 0000 0002 declined.</summary>
public sealed record TestCardRequest(string? Number, string? Expiry, string? Cvc);

public sealed record StripeWebhookAnswer(PaymentSyncOutcome Outcome);

public static class PaymentEndpoints
{
    public static void MapPaymentEndpoints(this RouteGroupBuilder api)
    {
        var payments = api.MapGroup("/payments").WithTags("Payments");

        payments.MapPost("/", async Task<Results<Created<PaymentView>, ProblemHttpResult>> (StartPaymentRequest request, PaymentService service, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var started = await service.StartAsync(request.OrderId, user.FindFirstValue(ClaimTypes.NameIdentifier), request.Method, ct);
            return started.IsSuccess
                ? TypedResults.Created(started.Value.RedirectUrl, started.Value)
                : ApiResults.Problem(started.Error!);
        })
        .AddEndpointFilter<IdempotencyFilter<StartPaymentRequest>>()
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .ProducesProblem(StatusCodes.Status502BadGateway)
        .WithSummary("Starts (or resumes) a payment for an unpaid order; send the shopper to redirectUrl to pay. Honours Idempotency-Key.")
        .WithDescription("method picks one of GET /api/payments/methods; a method the store does not offer is a 422 and starts nothing.");

        payments.MapGet("/methods", Methods)
            .WithSummary("The payment methods the shopper may choose, in the store's order (the first is the default).");

        payments.MapGet("/{id:guid}", FindAsync)
            .WithSummary("A payment's state, for an app to read after the shopper comes back from redirectUrl.")
            .WithDescription("Pending until the provider's page has an answer; Succeeded once the order is paid, Declined with failureReason otherwise "
                + "(start a new payment with POST /api/payments). Payments are found by their unguessable id, like guests' orders.");
        payments.MapPost("/{id:guid}/test-card", PayWithTestCardAsync)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Pays a payment of the built-in test provider with a test card: what its hosted page does, for apps and their tests.")
            .WithDescription("Only for payments whose redirectUrl is the test provider's page (/pay/test/…); no real money moves. "
                + "A declined card answers 200 with status Declined. 422 for a malformed card, expiry or CVC, or a payment of another provider; "
                + "404 for an unknown payment. A payment that is no longer pending is returned as it is.");
        payments.MapPost("/stripe/webhook", async Task<Results<Ok<StripeWebhookAnswer>, ProblemHttpResult>> (HttpRequest request, StripeWebhookService webhooks, CancellationToken ct) =>
        {
            // The signature covers the exact bytes Stripe sent, so the body is read as it came, never bound.
            using var reader = new StreamReader(request.Body);
            var handled = await webhooks.HandleAsync(await reader.ReadToEndAsync(ct), request.Headers["Stripe-Signature"].ToString(), ct);
            return handled.IsSuccess ? TypedResults.Ok(new StripeWebhookAnswer(handled.Value)) : ApiResults.Problem(handled.Error!);
        })
        .AllowAnonymous()
        .WithSummary("Stripe's webhook (signed with Stripe-Signature). Each event is handled once; a failure answers 5xx so Stripe retries.");

        // Called by PayPal and Square only: left out of the OpenAPI document the phone app's client is generated from.
        payments.MapPost("/paypal/webhook", PayPalWebhookAsync)
            .AllowAnonymous()
            .ExcludeFromDescription()
            .WithSummary("PayPal's webhook, verified by PayPal's verify-webhook-signature. Each event is handled once.");
        payments.MapPost("/square/webhook", SquareWebhookAsync)
            .AllowAnonymous()
            .ExcludeFromDescription()
            .WithSummary("Square's webhook (x-square-hmacsha256-signature). Each event is handled once.");
    }

    private static async Task<Results<Ok<StripeWebhookAnswer>, ProblemHttpResult>> PayPalWebhookAsync(
        HttpRequest request, PayPalWebhookService webhooks, CancellationToken ct)
    {
        var headers = new PayPalWebhookHeaders(
            Header(request, "PAYPAL-TRANSMISSION-ID"),
            Header(request, "PAYPAL-TRANSMISSION-TIME"),
            Header(request, "PAYPAL-TRANSMISSION-SIG"),
            Header(request, "PAYPAL-CERT-URL"),
            Header(request, "PAYPAL-AUTH-ALGO"));
        var handled = await webhooks.HandleAsync(await BodyAsync(request, ct), headers, ct);
        return handled.IsSuccess ? TypedResults.Ok(new StripeWebhookAnswer(handled.Value)) : ApiResults.Problem(handled.Error!);
    }

    private static async Task<Results<Ok<StripeWebhookAnswer>, ProblemHttpResult>> SquareWebhookAsync(
        HttpRequest request, SquareWebhookService webhooks, CancellationToken ct)
    {
        // Square signs the exact bytes it sent, so the body is read as it came, never bound.
        var handled = await webhooks.HandleAsync(await BodyAsync(request, ct), Header(request, "x-square-hmacsha256-signature"), ct);
        return handled.IsSuccess ? TypedResults.Ok(new StripeWebhookAnswer(handled.Value)) : ApiResults.Problem(handled.Error!);
    }

    private static Ok<PaymentMethodsAnswer> Methods(PaymentService service) =>
        TypedResults.Ok(new PaymentMethodsAnswer([.. service.OfferedMethods().Select(m => new PaymentMethodSummary(m, PaymentMethodNames.Of(m)))]));

    /// <summary>The body's bytes as they came (not decoded to text and back), for signatures made over them.</summary>
    private static async Task<ReadOnlyMemory<byte>> BodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        return body.GetBuffer().AsMemory(0, (int)body.Length);
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value.ToString() : null;

    private static async Task<Results<Ok<PaymentView>, NotFound>> FindAsync(Guid id, PaymentService service, CancellationToken ct) =>
        await service.FindAsync(id, ct) is { } payment ? TypedResults.Ok(payment) : TypedResults.NotFound();

    private static async Task<Results<Ok<PaymentView>, ProblemHttpResult>> PayWithTestCardAsync(
        Guid id, TestCardRequest request, PaymentService service, CancellationToken ct)
    {
        if (await service.FindAsync(id, ct) is not { } payment)
        {
            return ApiResults.Problem(DomainError.NotFound("payment.unknown", "No such payment."));
        }

        if (payment.Provider != PaymentService.TestProvider)
        {
            return ApiResults.Problem(DomainError.Invalid("payment.not-test-provider", "This payment is not the test provider's; pay it on its redirectUrl."));
        }

        var paid = await service.CompleteTestPaymentAsync(id, request.Number, request.Expiry, request.Cvc, ct);
        return paid.IsSuccess ? TypedResults.Ok(paid.Value) : ApiResults.Problem(paid.Error!);
    }
}
