using Store.Infrastructure.Shipping;

namespace Store.Web.Admin.Orders;

public static class ShippingLabelEndpoints
{
    /// <summary>
    /// The label of an order's shipment, for staff only: mapped in the admin group (it carries the shopper's name and
    /// address). The carrier's label when one was bought (a PDF, or ZPL for a thermal printer), the store's PDF otherwise.
    /// </summary>
    public static IEndpointRouteBuilder MapShippingLabelEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/orders/{id:guid}/label.pdf", async (Guid id, ShippingLabelService labels, HttpResponse response, CancellationToken ct) =>
        {
            var label = await labels.PrintableAsync(id, ct);
            if (!label.IsSuccess)
            {
                return Results.NotFound();
            }

            response.Headers.CacheControl = "no-store";
            return Results.File(label.Value.Content, label.Value.ContentType, $"label-{id:N}.{label.Value.Extension}");
        });
        return app;
    }
}
