using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Store.Tests.Support;

namespace Store.Tests.Api.Web;

/// <summary>Security headers, HEAD, body size limits, Secure cookies and per-address rate limits, over HTTP.</summary>
public sealed partial class HardeningTests(StoreAppFactory app) : IClassFixture<StoreAppFactory>
{
    private HttpClient Client(string baseAddress = "http://localhost") =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri(baseAddress) });

    [Theory]
    [InlineData("/")]
    [InlineData("/api/products")]
    [InlineData("/css/site.css")]
    [InlineData("/favicon.svg")]
    [InlineData("/no-such-page")]
    [InlineData("/api/products/no-such-product")]
    [InlineData("/healthz")]
    public async Task Get_WhenAnyResponse_CarriesTheSecurityHeaders(string url)
    {
        var response = await Client().GetAsync(url);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var scripts = ScriptSources(csp);
        Assert.DoesNotContain("'unsafe-inline'", scripts);
        Assert.DoesNotContain("'unsafe-eval'", scripts);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("camera=()", Assert.Single(response.Headers.GetValues("Permissions-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WhenAPageHasItsInlineImportMap_TheMapCarriesThisResponsesNonce()
    {
        var response = await Client().GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        var nonce = Regex.Match(Assert.Single(response.Headers.GetValues("Content-Security-Policy")), "'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        var inlineScripts = InlineScriptPattern().Matches(html).Select(m => m.Value).Where(tag => !tag.Contains("application/ld+json", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(inlineScripts);
        Assert.All(inlineScripts, tag => Assert.Contains($"nonce=\"{nonce}\"", WebUtility.HtmlDecode(tag), StringComparison.Ordinal));
        var again = await Client().GetAsync("/");
        Assert.DoesNotContain(nonce, Assert.Single(again.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WhenServedOverHttps_SendsHstsAndSecureCookies()
    {
        // Not localhost, which HSTS leaves out on purpose.
        var response = await Client("https://store.example").GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Get_WhenServedOverPlainHttp_SendsNoHsts()
    {
        var response = await Client().GetAsync("/account/login");

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/p/alpine-tee")]
    [InlineData("/api/products")]
    [InlineData("/search?q=jacket")]
    [InlineData("/css/site.css")]
    public async Task Head_WhenAGetWouldAnswer_AnswersTheSameStatusAndTypeWithoutABody(string url)
    {
        var get = await Client().GetAsync(url);
        var head = await Client().SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.True(head.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task Head_WhenThePageDoesNotExist_Answers404()
    {
        var head = await Client().SendAsync(new HttpRequestMessage(HttpMethod.Head, "/no-such-page"));

        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Post_WhenTheApiBodyIsOverTheLimit_Answers413ProblemDetails(bool declaresItsLength)
    {
        var huge = new { variantId = 1, quantity = 1, padding = new string('x', 2 * 1024 * 1024) };
        HttpContent content = declaresItsLength
            ? new StringContent(JsonSerializer.Serialize(huge), System.Text.Encoding.UTF8, "application/json")
            : JsonContent.Create(huge);
        var response = await Client().PostAsync("/api/cart/add", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(413, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task SignIn_WhenOneAddressPostsMoreThanTheLimit_Answers429WithRetryAfterAndAFormMessage()
    {
        using var limited = app.WithWebHostBuilder(b => b.UseSetting("Store:RateLimits:SignIn:PermitLimit", "3"));
        var client = limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var fields = new Dictionary<string, string> { ["Input.Email"] = "nobody@example.com", ["Input.Password"] = "wrong-password" };

        for (var i = 0; i < 3; i++)
        {
            var refused = await HttpForms.SubmitAsync(client, "/account/login", "login", fields);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("do not match an account", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var limitedResponse = await HttpForms.SubmitAsync(client, "/account/login", "login", fields);

        Assert.Equal(HttpStatusCode.TooManyRequests, limitedResponse.StatusCode);
        Assert.True(limitedResponse.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Too many attempts from your network", await limitedResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlaceOrder_WhenOneAddressPlacesMoreThanTheLimit_Answers429ProblemDetailsWithRetryAfter()
    {
        using var limited = app.WithWebHostBuilder(b => b.UseSetting("Store:RateLimits:Orders:PermitLimit", "2"));
        var client = limited.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var address = new { email = "limit@example.com", name = "Lim It", line1 = "1 Main St", city = "Austin", region = "TX", postalCode = "78701", country = "US" };

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 3; i++)
        {
            // An empty cart is refused (422) after the limit is counted: the limit is on attempts, whatever their outcome.
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = JsonContent.Create(address) };
            request.Headers.Add("X-Cart-Id", Guid.NewGuid().ToString());
            last = await client.SendAsync(request);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType?.MediaType);
        Assert.True(last.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task Healthz_WhenTheDatabaseIsUpAndMigrated_AnswersReady()
    {
        var live = await Client().GetAsync("/healthz");
        var ready = await Client().GetAsync("/healthz/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready", await ready.Content.ReadAsStringAsync());
    }

    private static string ScriptSources(string csp) =>
        csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>")]
    private static partial Regex InlineScriptPattern();
}
