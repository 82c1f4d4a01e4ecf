using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Domain.Content;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Content;

/// <summary>A content page as shown: its Markdown, the sanitised HTML of it, and whether the owner has edited it.</summary>
public sealed record ContentPageView(string Slug, string Title, string Markdown, string Html, bool IsDefault, DateTimeOffset? UpdatedAt);

/// <summary>
/// The store's contact, shipping-and-returns, privacy and terms pages: the owner's text when there is one, the default
/// text otherwise, so a new store has sensible pages from its first start without any seeding.
/// </summary>
public sealed class ContentPageService(StoreDbContext db, AuditLog audit, IClock clock)
{
    public async Task<IReadOnlyList<ContentPageView>> ListAsync(CancellationToken ct = default)
    {
        var stored = await db.ContentPages.AsNoTracking().ToDictionaryAsync(p => p.Slug, ct);
        return [.. ContentPageDefaults.All.Select(d => View(d, stored.GetValueOrDefault(d.Slug)))];
    }

    /// <summary>Null for a slug that is not one of the store's pages.</summary>
    public async Task<ContentPageView?> GetAsync(string slug, CancellationToken ct = default)
    {
        if (ContentPageDefaults.Find(slug) is not { } known)
        {
            return null;
        }

        return View(known, await db.ContentPages.AsNoTracking().FirstOrDefaultAsync(p => p.Slug == known.Slug, ct));
    }

    public async Task<Result<ContentPageView>> SaveAsync(string slug, string? title, string? body, string actor, CancellationToken ct = default)
    {
        if (ContentPageDefaults.Find(slug) is not { } known)
        {
            return DomainError.NotFound("page.unknown", "No such page.");
        }

        if (ContentPage.Validate(title, body) is { Count: > 0 } errors)
        {
            return DomainError.Invalid("page.invalid", string.Join(" ", errors.Values));
        }

        var page = await db.ContentPages.FirstOrDefaultAsync(p => p.Slug == known.Slug, ct);
        var before = page is null ? null : new { page.Title, page.Body };
        if (page is null)
        {
            page = new ContentPage(known.Slug, title!, body!, actor, clock.UtcNow);
            db.ContentPages.Add(page);
        }
        else
        {
            page.Edit(title!, body!, actor, clock.UtcNow);
        }

        audit.Record(actor, "content.page.saved", "content_page", known.Slug, new { Before = before, After = new { page.Title, page.Body } });
        await db.SaveChangesAsync(ct);
        return View(known, page);
    }

    /// <summary>Back to the default text: the owner's row goes (and the change is audited).</summary>
    public async Task<Result<ContentPageView>> ResetAsync(string slug, string actor, CancellationToken ct = default)
    {
        if (ContentPageDefaults.Find(slug) is not { } known)
        {
            return DomainError.NotFound("page.unknown", "No such page.");
        }

        var page = await db.ContentPages.FirstOrDefaultAsync(p => p.Slug == known.Slug, ct);
        if (page is not null)
        {
            db.ContentPages.Remove(page);
            audit.Record(actor, "content.page.reset", "content_page", known.Slug, new { Before = new { page.Title, page.Body } });
            await db.SaveChangesAsync(ct);
        }

        return View(known, null);
    }

    /// <summary>Sanitised HTML of a draft, for the admin's preview.</summary>
    public static string Preview(string? markdown) => MarkdownRenderer.ToSafeHtml(markdown ?? "");

    private static ContentPageView View(ContentPageDefault known, ContentPage? stored) =>
        stored is null
            ? new ContentPageView(known.Slug, known.Title, known.Body, MarkdownRenderer.ToSafeHtml(known.Body), true, null)
            : new ContentPageView(stored.Slug, stored.Title, stored.Body, MarkdownRenderer.ToSafeHtml(stored.Body), false, stored.UpdatedAt);
}
