using Store.Infrastructure.Content;

namespace Store.Tests.Features.Content;

/// <summary>What survives of owner-written Markdown: formatting and safe links, never anything that runs.</summary>
public class MarkdownRendererTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("[click me](javascript:alert(1))")]
    [InlineData("[click me](JaVaScRiPt:alert(1))")]
    [InlineData("![pixel](javascript:alert(1))")]
    [InlineData("[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("<a href=\"#\" onclick=\"alert(1)\">x</a>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<svg onload=alert(1)>")]
    [InlineData("<style>body{display:none}</style>")]
    public void ToSafeHtml_WhenTheTextCarriesScript_LeavesNothingThatRuns(string markdown)
    {
        var html = MarkdownRenderer.ToSafeHtml(markdown);

        // Parsed as a browser would: typed HTML may remain as visible text, but no element or attribute can run.
        var body = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).Body!;
        Assert.Empty(body.QuerySelectorAll("script, iframe, svg, style, object, embed"));
        var attributes = body.QuerySelectorAll("*").SelectMany(e => e.Attributes).ToList();
        Assert.DoesNotContain(attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(attributes, a => a.Name is "href" or "src" && !a.Value.StartsWith("https://", StringComparison.Ordinal) && !a.Value.StartsWith("mailto:", StringComparison.Ordinal));
    }

    [Fact]
    public void ToSafeHtml_KeepsHeadingsListsEmphasisAndSafeLinks()
    {
        var html = MarkdownRenderer.ToSafeHtml("## Returns\n\n- **30 days**\n- [email us](mailto:help@shop.example)\n\nSee [carrier](https://carrier.example/track).");

        Assert.Equal(
            "<h2>Returns</h2>\n<ul>\n<li><strong>30 days</strong></li>\n<li><a href=\"mailto:help@shop.example\">email us</a></li>\n</ul>\n" +
            "<p>See <a href=\"https://carrier.example/track\" rel=\"noopener nofollow\">carrier</a>.</p>\n",
            html);
    }

    [Fact]
    public void ToSafeHtml_ShowsTypedHtmlAsText()
    {
        Assert.Equal("<p>&lt;b&gt;bold?&lt;/b&gt;</p>\n", MarkdownRenderer.ToSafeHtml("<b>bold?</b>"));
    }
}
