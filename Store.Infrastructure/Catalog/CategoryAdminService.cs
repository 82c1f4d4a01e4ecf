using Microsoft.EntityFrameworkCore;
using Store.Domain.Catalog;
using Store.Domain.Common;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Catalog;

public sealed record CategoryAdminRow(int Id, int? ParentId, string Name, string Slug, string Description, string SeoTitle, string SeoDescription, int SortOrder, int Depth, int ProductCount);

public sealed record CategoryForm(int? Id, int? ParentId, string? Name, string? Slug, string? Description, string? SeoTitle, string? SeoDescription);

/// <summary>Creates, renames, moves and reorders categories; the tree rules live in <see cref="CategoryTree"/>.</summary>
public sealed class CategoryAdminService(StoreDbContext db, AuditLog audit, CatalogCache cache)
{
    public async Task<IReadOnlyList<CategoryAdminRow>> TreeAsync(CancellationToken ct = default)
    {
        var rows = await db.Categories.AsNoTracking()
            .Select(c => new { c.Id, c.ParentId, c.Name, c.Slug, c.Description, c.SeoTitle, c.SeoDescription, c.SortOrder, Products = db.Products.Count(p => p.CategoryId == c.Id) })
            .ToListAsync(ct);
        var byId = rows.ToDictionary(r => r.Id);
        var tree = new CategoryTree(rows.Select(r => new CategoryNode(r.Id, r.ParentId, r.SortOrder, r.Name)));
        return [.. tree.Flatten().Select(x => byId[x.Node.Id] is var r
            ? new CategoryAdminRow(r.Id, r.ParentId, r.Name, r.Slug, r.Description, r.SeoTitle, r.SeoDescription, r.SortOrder, x.Depth, r.Products)
            : null!)];
    }

    public Task<Result<int>> SaveAsync(CategoryForm form, string actor, CancellationToken ct = default) =>
        db.RetriableAsync(token => SaveOnceAsync(form, actor, token), ct);

    private async Task<Result<int>> SaveOnceAsync(CategoryForm form, string actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(form.Name) || form.Name.Trim().Length > Category.MaxNameLength)
        {
            return DomainError.Invalid("category.name", $"A category name is 1 to {Category.MaxNameLength} characters.");
        }

        var slug = string.IsNullOrWhiteSpace(form.Slug) ? Slug.From(form.Name) : form.Slug.Trim();
        if (!Slug.IsValid(slug) || slug.Length > Category.MaxSlugLength)
        {
            return DomainError.Invalid("category.slug", "A slug is lower-case letters, digits and single dashes.");
        }

        if (form.Description?.Length > 2000 || form.SeoTitle?.Length > 200 || form.SeoDescription?.Length > 400)
        {
            return DomainError.Invalid("category.text", "The description is at most 2,000 characters, the SEO title 200 and the SEO description 400.");
        }

        if (await db.Categories.AnyAsync(c => c.Slug == slug && c.Id != form.Id, ct))
        {
            return DomainError.Conflict("category.slug", $"Another category has the slug {slug}.");
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockTreeAsync(ct);
        var tree = await LoadTreeAsync(ct);
        Category? category;
        if (form.Id is { } id)
        {
            category = await db.Categories.FirstOrDefaultAsync(c => c.Id == id, ct);
            if (category is null)
            {
                return DomainError.NotFound("category.unknown", "No such category.");
            }

            if (category.ParentId != form.ParentId)
            {
                if (tree.WhyNotMove(id, form.ParentId) is { } why)
                {
                    return DomainError.Invalid("category.parent", why);
                }

                category.MoveTo(form.ParentId, NextPosition(tree, form.ParentId));
            }
        }
        else
        {
            if (form.ParentId is { } parent && tree.WhyNotMove(0, parent) is { } why)
            {
                return DomainError.Invalid("category.parent", why);
            }

            category = new Category(form.Name, slug, form.Description ?? "", NextPosition(tree, form.ParentId), form.ParentId);
            db.Categories.Add(category);
        }

        category.Describe(form.Name, slug, form.Description ?? "", form.SeoTitle ?? "", form.SeoDescription ?? "");
        await db.SaveChangesAsync(ct);
        audit.Record(actor, form.Id is null ? "category.created" : "category.updated", "category", category.Id.ToString(), new { category.Name, category.Slug, category.ParentId });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        cache.Invalidate();
        return category.Id;
    }

    /// <summary>Swaps the category with its previous (-1) or next (+1) sibling and renumbers the siblings 0, 1, 2 …</summary>
    public Task<Result<bool>> MoveAmongSiblingsAsync(int id, int direction, string actor, CancellationToken ct = default) =>
        db.RetriableAsync(token => MoveAmongSiblingsOnceAsync(id, direction, actor, token), ct);

    private async Task<Result<bool>> MoveAmongSiblingsOnceAsync(int id, int direction, string actor, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockTreeAsync(ct);
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (category is null)
        {
            return DomainError.NotFound("category.unknown", "No such category.");
        }

        var siblings = await db.Categories.Where(c => c.ParentId == category.ParentId).ToListAsync(ct);
        var ordered = siblings.OrderBy(c => c.SortOrder).ThenBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Id).ToList();
        var index = ordered.IndexOf(category);
        var target = index + Math.Sign(direction);
        if (target < 0 || target >= ordered.Count)
        {
            return false;
        }

        (ordered[index], ordered[target]) = (ordered[target], ordered[index]);
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].MoveTo(ordered[i].ParentId, i);
        }

        audit.Record(actor, "category.reordered", "category", id.ToString(), new { Position = target });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        cache.Invalidate();
        return true;
    }

    public async Task<Result<bool>> DeleteAsync(int id, string actor, CancellationToken ct = default)
    {
        if (await db.Categories.AnyAsync(c => c.ParentId == id, ct))
        {
            return DomainError.Conflict("category.has-children", "Move or delete its subcategories first.");
        }

        if (await db.Products.AnyAsync(p => p.CategoryId == id, ct))
        {
            return DomainError.Conflict("category.in-use", "Move its products to another category first.");
        }

        if (await db.Categories.Where(c => c.Id == id).ExecuteDeleteAsync(ct) == 0)
        {
            return DomainError.NotFound("category.unknown", "No such category.");
        }

        audit.Record(actor, "category.deleted", "category", id.ToString());
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        return true;
    }

    /// <summary>Two admins moving categories at once could each make a valid move that together close a cycle; moves take turns.</summary>
    private Task LockTreeAsync(CancellationToken ct) => db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext('category-tree'))", ct);

    private async Task<CategoryTree> LoadTreeAsync(CancellationToken ct) =>
        new(await db.Categories.AsNoTracking().Select(c => new CategoryNode(c.Id, c.ParentId, c.SortOrder, c.Name)).ToListAsync(ct));

    private static int NextPosition(CategoryTree tree, int? parentId) => tree.ChildrenOf(parentId).Select(c => c.SortOrder + 1).DefaultIfEmpty(0).Max();
}
