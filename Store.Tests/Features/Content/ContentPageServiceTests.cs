using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Domain.Content;
using Store.Infrastructure.Content;
using Store.Infrastructure.Data;
using Store.Tests.Support;

namespace Store.Tests.Features.Content;

public class ContentPageServiceTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task ListAsync_OnANewStore_GivesTheFourPagesWithTheirDefaultText()
    {
        await using var scope = db.Scope();

        var pages = await db.Get<ContentPageService>(scope).ListAsync();

        Assert.Equal(["contact", "shipping-returns", "privacy", "terms"], pages.Select(p => p.Slug));
        Assert.All(pages, p => Assert.True(p.IsDefault && p.Html.Length > 100, p.Slug));
    }

    [Fact]
    public async Task SaveAsync_StoresTheOwnersTextAndAuditsIt_ResetAsyncGoesBackToTheDefault()
    {
        await using (var scope = db.Scope())
        {
            var saved = await db.Get<ContentPageService>(scope).SaveAsync("privacy", " Our privacy promise ", "We keep **nothing** we do not need.", "owner@shop.example");
            Assert.True(saved.IsSuccess);
        }

        await using (var scope = db.Scope())
        {
            var service = db.Get<ContentPageService>(scope);
            var page = await service.GetAsync("privacy");
            Assert.Equal(("Our privacy promise", false), (page!.Title, page.IsDefault));
            Assert.Equal("<p>We keep <strong>nothing</strong> we do not need.</p>\n", page.Html);
            var audit = await db.Get<StoreDbContext>(scope).AuditLog.Where(a => a.EntityType == "content_page" && a.EntityId == "privacy").Select(a => a.Actor).ToListAsync();
            Assert.Equal(["owner@shop.example"], audit);

            await service.ResetAsync("privacy", "owner@shop.example");
        }

        await using (var scope = db.Scope())
        {
            var page = await db.Get<ContentPageService>(scope).GetAsync("privacy");
            Assert.Equal(("Privacy policy", true), (page!.Title, page.IsDefault));
        }
    }

    [Theory]
    [InlineData("", "Some text", "title")]
    [InlineData("Title", "  ", "body")]
    public async Task SaveAsync_WhenTitleOrTextIsMissing_RefusesAndWritesNothing(string title, string body, string field)
    {
        await using var scope = db.Scope();
        var service = db.Get<ContentPageService>(scope);

        var saved = await service.SaveAsync("contact", title, body, "owner@shop.example");

        Assert.Equal(ErrorKind.Invalid, saved.Error?.Kind);
        Assert.Contains(ContentPage.Validate(title, body)[field], saved.Error!.Message, StringComparison.Ordinal);
        Assert.False(await db.Get<StoreDbContext>(scope).ContentPages.AnyAsync(p => p.Slug == "contact"));
    }

    [Fact]
    public async Task SaveAsync_WhenTheSlugIsNotAShopPage_IsNotFound()
    {
        await using var scope = db.Scope();

        var saved = await db.Get<ContentPageService>(scope).SaveAsync("about", "About", "Text", "owner@shop.example");

        Assert.Equal(ErrorKind.NotFound, saved.Error?.Kind);
    }
}
