namespace Store.Web.Api;

public static class StoreApi
{
    public static IEndpointRouteBuilder MapStoreApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").DisableAntiforgery();
        api.MapProductEndpoints();
        api.MapSearchEndpoints();
        api.MapCartEndpoints();
        api.MapOrderEndpoints();
        api.MapPaymentEndpoints();
        api.MapAccountEndpoints();
        api.MapCustomerEndpoints();
        api.MapInventoryEndpoints();
        api.MapInventorySetupEndpoints();

        // Liveness for load balancers and the mobile app, and the "bare endpoint" the benchmarks compare with.
        api.MapGet("/status", () => TypedResults.Ok(new StatusResponse("ok"))).WithTags("Status");
        return app;
    }
}

public sealed record StatusResponse(string Status);
