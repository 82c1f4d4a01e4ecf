using Store.Infrastructure.Shipping;

namespace Store.Web.Admin.Orders;

public static class ShippingLabelEndpoints
{
    /// <summary>The label PDF of an order's shipment, for staff only: mapped in the admin group (it carries the shopper's name and address).</summary>
    public static IEndpointRouteBuilder MapShippingLabelEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/orders/{id:guid}/label.pdf", async (Guid id, ShippingLabelService labels, HttpResponse response, CancellationToken ct) =>
        {
            var pdf = await labels.PdfAsync(id, ct);
            if (!pdf.IsSuccess)
            {
                return Results.NotFound();
            }

            response.Headers.CacheControl = "no-store";
            return Results.File(pdf.Value, "application/pdf", $"label-{id:N}.pdf");
        });
        return app;
    }
}
