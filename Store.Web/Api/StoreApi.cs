namespace Store.Web.Api;

public static class StoreApi
{
    public static IEndpointRouteBuilder MapStoreApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").DisableAntiforgery();
        api.MapProductEndpoints();
        api.MapCartEndpoints();
        api.MapOrderEndpoints();
        api.MapPaymentEndpoints();
        return app;
    }
}
