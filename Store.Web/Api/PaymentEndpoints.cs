using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Store.Infrastructure.Payments;
using Store.Infrastructure.Payments.PayPal;
using Store.Infrastructure.Payments.Square;

namespace Store.Web.Api;

public sealed record StartPaymentRequest(Guid OrderId);

public sealed record StripeWebhookAnswer(PaymentSyncOutcome Outcome);

public static class PaymentEndpoints
{
    public static void MapPaymentEndpoints(this RouteGroupBuilder api)
    {
        var payments = api.MapGroup("/payments").WithTags("Payments");

        payments.MapPost("/", async Task<Results<Created<PaymentView>, ProblemHttpResult>> (StartPaymentRequest request, PaymentService service, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var started = await service.StartAsync(request.OrderId, user.FindFirstValue(ClaimTypes.NameIdentifier), ct);
            return started.IsSuccess
                ? TypedResults.Created(started.Value.RedirectUrl, started.Value)
                : ApiResults.Problem(started.Error!);
        })
        .AddEndpointFilter<IdempotencyFilter<StartPaymentRequest>>()
        .WithSummary("Starts (or resumes) a payment for an unpaid order; send the shopper to redirectUrl to pay. Honours Idempotency-Key.");

        payments.MapPost("/stripe/webhook", async Task<Results<Ok<StripeWebhookAnswer>, ProblemHttpResult>> (HttpRequest request, StripeWebhookService webhooks, CancellationToken ct) =>
        {
            // The signature covers the exact bytes Stripe sent, so the body is read as it came, never bound.
            using var reader = new StreamReader(request.Body);
            var handled = await webhooks.HandleAsync(await reader.ReadToEndAsync(ct), request.Headers["Stripe-Signature"].ToString(), ct);
            return handled.IsSuccess ? TypedResults.Ok(new StripeWebhookAnswer(handled.Value)) : ApiResults.Problem(handled.Error!);
        })
        .AllowAnonymous()
        .WithSummary("Stripe's webhook (signed with Stripe-Signature). Each event is handled once; a failure answers 5xx so Stripe retries.");

        payments.MapPost("/paypal/webhook", PayPalWebhookAsync)
            .AllowAnonymous()
            .WithSummary("PayPal's webhook, verified by PayPal's verify-webhook-signature. Each event is handled once.");
        payments.MapPost("/square/webhook", SquareWebhookAsync)
            .AllowAnonymous()
            .WithSummary("Square's webhook (x-square-hmacsha256-signature). Each event is handled once.");
    }

    private static async Task<Results<Ok<StripeWebhookAnswer>, ProblemHttpResult>> PayPalWebhookAsync(
        HttpRequest request, PayPalWebhookService webhooks, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var headers = new PayPalWebhookHeaders(
            Header(request, "PAYPAL-TRANSMISSION-ID"),
            Header(request, "PAYPAL-TRANSMISSION-TIME"),
            Header(request, "PAYPAL-TRANSMISSION-SIG"),
            Header(request, "PAYPAL-CERT-URL"),
            Header(request, "PAYPAL-AUTH-ALGO"));
        var handled = await webhooks.HandleAsync(await reader.ReadToEndAsync(ct), headers, ct);
        return handled.IsSuccess ? TypedResults.Ok(new StripeWebhookAnswer(handled.Value)) : ApiResults.Problem(handled.Error!);
    }

    private static async Task<Results<Ok<StripeWebhookAnswer>, ProblemHttpResult>> SquareWebhookAsync(
        HttpRequest request, SquareWebhookService webhooks, CancellationToken ct)
    {
        // Square signs the exact bytes it sent, so the body is read as it came, never bound.
        using var reader = new StreamReader(request.Body);
        var handled = await webhooks.HandleAsync(await reader.ReadToEndAsync(ct), Header(request, "x-square-hmacsha256-signature"), ct);
        return handled.IsSuccess ? TypedResults.Ok(new StripeWebhookAnswer(handled.Value)) : ApiResults.Problem(handled.Error!);
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value.ToString() : null;
}
