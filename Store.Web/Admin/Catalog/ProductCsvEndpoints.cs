using System.Text;
using Store.Infrastructure.Catalog.Import;

namespace Store.Web.Admin.Catalog;

/// <summary>The product CSV as a plain download, so the browser saves it (the admin pages run over a circuit, not HTTP).</summary>
public static class ProductCsvEndpoints
{
    public static IEndpointRouteBuilder MapProductCsvEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/catalog/products.csv", async (ProductImportService import, CancellationToken ct) =>
            Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(await import.ExportAsync(ct))).ToArray(), "text/csv; charset=utf-8", "products.csv"));
        return app;
    }
}
