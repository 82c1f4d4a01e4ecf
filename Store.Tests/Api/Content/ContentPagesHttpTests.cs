using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Store.Infrastructure.Content;
using Store.Tests.Support;

namespace Store.Tests.Api.Content;

/// <summary>The footer's pages as shoppers get them: default text on a new store, the owner's text once saved, sanitised.</summary>
public class ContentPagesHttpTests(StoreAppFactory app) : IClassFixture<StoreAppFactory>
{
    [Theory]
    [InlineData("contact", "Contact us")]
    [InlineData("shipping-returns", "Shipping and returns")]
    [InlineData("privacy", "Privacy policy")]
    [InlineData("terms", "Terms of sale")]
    public async Task Page_OnANewStore_ShowsTheDefaultTextAndIsLinkedFromTheFooter(string slug, string title)
    {
        var html = await app.CreateClient().GetStringAsync($"/pages/{slug}");

        Assert.Contains($"<h1>{title}</h1>", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/pages/{slug}\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContactPage_ShowsTheStoresAddressAndEmail()
    {
        var html = await app.CreateClient().GetStringAsync("/pages/contact");

        Assert.Contains("200 Commerce Street", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"mailto:orders@northwind.example\" data-testid=\"contact-email\">orders@northwind.example</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_WhenUnknown_IsNotFound()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/pages/about-our-secret-plans");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Page_WhenTheOwnerWroteScriptIntoIt_ShowsTheTextAndRunsNothing()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var saved = await scope.ServiceProvider.GetRequiredService<ContentPageService>().SaveAsync(
                "terms",
                "Terms <script>alert(1)</script>",
                "Read **carefully**.\n\n<script>alert('x')</script>\n\n<img src=x onerror=alert(2)>\n\n[Click](javascript:alert(3)) and [our site](https://example.com)",
                "admin@store.local");
            Assert.True(saved.IsSuccess);
        }

        var html = await app.CreateClient().GetStringAsync("/pages/terms");

        var article = html[html.IndexOf("data-testid=\"content-page\"", StringComparison.Ordinal)..];
        article = article[..article.IndexOf("</article>", StringComparison.Ordinal)];
        Assert.Contains("<h1>Terms &lt;script&gt;alert(1)&lt;/script&gt;</h1>", article, StringComparison.Ordinal);
        Assert.Contains("<strong>carefully</strong>", article, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", article, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", article, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", article, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<a href=\"https://example.com\" rel=\"noopener nofollow\">our site</a>", article, StringComparison.Ordinal);
    }
}
