using Store.Infrastructure.Shipping;
using Store.Web.Identity;

namespace Store.Web.Admin;

public static class ShippingLabelEndpoints
{
    /// <summary>The label PDF of an order's shipment, for staff only (it carries the shopper's name and address).</summary>
    public static IEndpointRouteBuilder MapShippingLabelEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/orders/{id:guid}/label.pdf", async (Guid id, ShippingLabelService labels, HttpResponse response, CancellationToken ct) =>
        {
            var pdf = await labels.PdfAsync(id, ct);
            if (!pdf.IsSuccess)
            {
                return Results.NotFound();
            }

            response.Headers.CacheControl = "no-store";
            return Results.File(pdf.Value, "application/pdf", $"label-{id:N}.pdf");
        })
        .RequireAuthorization(StorePolicies.Staff)
        .ExcludeFromDescription();
        return app;
    }
}
