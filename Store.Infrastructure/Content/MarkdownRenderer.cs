using Ganss.Xss;
using Markdig;

namespace Store.Infrastructure.Content;

/// <summary>
/// Owner-written Markdown to HTML that is safe to put in a page. Two locks: Markdig is told to treat raw HTML as text
/// (so <c>&lt;script&gt;</c> typed into a page is shown, not run), and the result then goes through an allow-list
/// sanitiser, which also drops what Markdown itself can carry: <c>javascript:</c> or <c>data:</c> links and images,
/// event-handler attributes, styles. Links to other sites open normally but are marked <c>rel="noopener nofollow"</c>.
/// </summary>
public static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UsePipeTables()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string ToSafeHtml(string markdown) => Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(
                ["p", "br", "hr", "h2", "h3", "h4", "strong", "em", "del", "ins", "mark", "sub", "sup", "code", "pre", "blockquote",
                 "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td"],
                StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href", "title", "src", "alt", "align", "start"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto", "tel"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href", "src"], StringComparer.OrdinalIgnoreCase),
        };
        var sanitizer = new HtmlSanitizer(options);
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link
                && link.GetAttribute("href") is { } href
                && (href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
            {
                link.SetAttribute("rel", "noopener nofollow");
            }
        };
        return sanitizer;
    }
}
