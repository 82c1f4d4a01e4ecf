using Store.Web.Admin.Catalog;
using Store.Web.Admin.Orders;
using Store.Web.Identity;

namespace Store.Web.Admin;

/// <summary>
/// The admin's plain HTTP endpoints (downloads the circuit cannot serve): one <c>/admin</c> group under the staff
/// policy, so no endpoint can be added without it. Each feature maps its own routes into the group.
/// </summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").RequireAuthorization(StorePolicies.Staff).ExcludeFromDescription();
        admin.MapProductCsvEndpoints();
        admin.MapShippingLabelEndpoints();
        return app;
    }
}
