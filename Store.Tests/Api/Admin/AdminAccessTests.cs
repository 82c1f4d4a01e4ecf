using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Store.Tests.Support;
using Store.Web.Identity;

namespace Store.Tests.Api.Admin;

/// <summary>
/// Every admin page and endpoint the app maps — found from its route table, so a page added tomorrow is covered —
/// refuses a signed-in customer and an anonymous visitor.
/// </summary>
public partial class AdminAccessTests(StoreAppFactory app) : IClassFixture<StoreAppFactory>
{
    private static readonly string[] StaffPolicies = [StorePolicies.Staff, StorePolicies.Owner, StorePolicies.Inventory];

    [Fact]
    public void AdminRoutes_EachRequireAStaffPolicy()
    {
        var routes = AdminRoutes();

        Assert.True(routes.Count >= 30, $"Only {routes.Count} admin routes found.");
        Assert.All(routes, r => Assert.True(
            r.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => StaffPolicies.Contains(a.Policy)),
            $"{r.Pattern} has no staff policy."));
    }

    [Fact]
    public async Task AdminRoutes_WhenACustomerIsSignedIn_AreForbidden()
    {
        const string email = "shopper.peeking@example.com", password = "Shopper-Pass1";
        var registered = await app.CreateClient().PostAsJsonAsync("/api/account/register", new { email, password });
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await SignInAsync(browser, email, password);

        var answers = new List<string>();
        foreach (var route in AdminRoutes())
        {
            var response = await browser.SendAsync(new HttpRequestMessage(new HttpMethod(route.Method), route.Url));
            var refused = response.Headers.Location?.OriginalString.Contains("/account/access-denied", StringComparison.Ordinal) == true
                && (await browser.GetAsync(response.Headers.Location)).StatusCode == HttpStatusCode.Forbidden;
            if (!refused && response.StatusCode != HttpStatusCode.Forbidden)
            {
                answers.Add($"{route.Method} {route.Url} answered {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        Assert.Empty(answers);
    }

    [Fact]
    public async Task AdminRoutes_WhenAnonymous_AskToSignIn()
    {
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var answers = new List<string>();
        foreach (var route in AdminRoutes())
        {
            var response = await browser.SendAsync(new HttpRequestMessage(new HttpMethod(route.Method), route.Url));
            if (response.Headers.Location?.OriginalString.Contains("/account/login", StringComparison.Ordinal) != true)
            {
                answers.Add($"{route.Method} {route.Url} answered {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        Assert.Empty(answers);
    }

    private List<AdminRoute> AdminRoutes() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw == "/admin" || raw.StartsWith("/admin/", StringComparison.Ordinal)))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => new AdminRoute(e, e.RoutePattern.RawText!, method, Fill(e.RoutePattern.RawText!))))
            .ToList();

    // Route parameters get a value of their constraint's type: the refusal must come before the id is looked up.
    private static string Fill(string pattern) =>
        RouteParameter().Replace(pattern, m => m.Groups["constraint"].Value switch
        {
            "guid" => Guid.NewGuid().ToString(),
            _ => "1",
        });

    private static async Task SignInAsync(HttpClient browser, string email, string password)
    {
        // The no-redirect client keeps its cookies; the sign-in answers a redirect home.
        var page = await browser.GetStringAsync("/account/login");
        var token = TokenPattern().Match(page).Groups[1].Value;
        var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["_handler"] = "login",
        }));
        Assert.True((int)response.StatusCode is 302 or 303, $"Sign-in answered {(int)response.StatusCode}.");
    }

    private sealed record AdminRoute(RouteEndpoint Endpoint, string Pattern, string Method, string Url);

    [GeneratedRegex(@"\{(?<name>\w+)(:(?<constraint>\w+))?\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
