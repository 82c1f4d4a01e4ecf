using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Store.Infrastructure;
using Store.Infrastructure.Data;
using Store.Tests.Support;
using Store.Web.Admin.Catalog;

namespace Store.Tests.Components;

/// <summary>The admin's image editor over the class's own database and picture folder (real services, real files).</summary>
public class ProductImagesEditorTests : AdminPageContext, IClassFixture<ImageFolderFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly ImageFolderFixture db;

    public ProductImagesEditorTests(ImageFolderFixture db)
        : base(db.ConnectionString, "staff@store.local", new Dictionary<string, string?> { ["Store:Images:Root"] = db.ImageRoot })
    {
        this.db = db;
    }

    [Fact]
    public async Task Upload_WhenATextFileIsNamedJpg_ShowsWhyAndKeepsNothing()
    {
        var productId = await ProductAsync();
        var cut = Render<ProductImagesEditor>(p => p.Add(c => c.ProductId, productId));
        cut.WaitForAssertion(() => Assert.Contains("No images yet", cut.Markup, StringComparison.Ordinal), Wait);

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("name,price\nTee,24.99\n", "photo.jpg", contentType: "image/jpeg"));

        cut.WaitForAssertion(() => Assert.Contains("Only JPEG, PNG or WebP images", cut.Find("[data-testid=product-image-error]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Empty(cut.FindAll("[data-testid=product-image]"));
        Assert.Empty(db.Files());
        await using var scope = db.Scope();
        Assert.False(await db.Get<StoreDbContext>(scope).ProductImages.AnyAsync(i => i.ProductId == productId));
    }

    [Fact]
    public async Task UploadThenDelete_ListsThePictureThenRemovesItsRowAndFiles()
    {
        var productId = await ProductAsync(skip: 1);
        var cut = Render<ProductImagesEditor>(p => p.Add(c => c.ProductId, productId));
        cut.WaitForAssertion(() => Assert.Contains("No images yet", cut.Markup, StringComparison.Ordinal), Wait);

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(TestImages.Png(700, 500, seed: 41), "shirt.png", contentType: "image/png"));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=product-image]")), Wait);
        Assert.Contains("700 × 500", cut.Find("[data-testid=product-image]").TextContent, StringComparison.Ordinal);
        Assert.Equal(6, db.Files().Count(f => f.EndsWith(".png", StringComparison.Ordinal) || f.EndsWith(".webp", StringComparison.Ordinal)));

        await cut.Find("[data-testid=product-image] button[aria-label='Delete image']").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=product-image]")), Wait);
        Assert.Empty(db.Files());
        await using var scope = db.Scope();
        var context = db.Get<StoreDbContext>(scope);
        Assert.False(await context.ProductImages.AnyAsync(i => i.ProductId == productId));
        Assert.True(await context.AuditLog.AnyAsync(a => a.Action == "product.image.removed" && a.Actor == "staff@store.local"));
    }

    private async Task<int> ProductAsync(int skip = 0)
    {
        await using var scope = db.Scope();
        return await db.Get<StoreDbContext>(scope).Products.OrderBy(p => p.Id).Skip(skip).Select(p => p.Id).FirstAsync();
    }
}
