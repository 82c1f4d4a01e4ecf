using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Store.Infrastructure.Payments;

namespace Store.Web.Api;

public sealed record StartPaymentRequest(Guid OrderId);

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
    }
}
