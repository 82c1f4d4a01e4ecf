using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Domain.Pricing;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Pricing;

/// <summary>A sale as the admin form edits it: on a whole product (by slug) or one variant (by SKU).</summary>
public sealed record SaleForm(string? Target, bool WholeProduct, string? Label, decimal? PercentOff, long? FixedPriceMinor, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt);

public sealed record SaleSummary(int Id, string Target, bool WholeProduct, string ProductName, string Label, decimal? PercentOff, long? FixedPriceMinor, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt)
{
    public bool IsActiveAt(DateTimeOffset now) => (StartsAt is null || now >= StartsAt) && (EndsAt is null || now < EndsAt);
}

/// <summary>A markdown rule as the admin form edits it; the scope is a product slug, a category slug, or neither (all).</summary>
public sealed record MarkdownRuleForm(string? Name, decimal PercentOff, int StockAbove, int DaysWithoutSale, string? ProductSlug, string? CategorySlug);

public sealed record FloorPriceSummary(string Sku, string Name, long PriceMinor, long FloorMinor);

public sealed record MarkdownRuleSummary(int Id, string Name, decimal PercentOff, int StockAbove, int DaysWithoutSale, string? ProductSlug, string? CategorySlug, bool IsActive, DateTimeOffset? EndedAt, int OpenMarkdowns);

/// <summary>
/// The owner's side of pricing: sales and markdown rules, created, edited and ended from the admin. Every change is
/// audited and clears the catalog cache, so the storefront shows it at once. A failed validation comes back with the
/// form field in the error code (<c>sale.percentOff</c>) so the form can show it next to the field.
/// </summary>
public sealed class PricingAdminService(StoreDbContext db, AuditLog audit, CatalogCache cache, PriceFacts facts, IClock clock)
{
    public async Task<IReadOnlyList<SaleSummary>> SalesAsync(CancellationToken ct = default) =>
        await db.SalePrices.AsNoTracking()
            .OrderByDescending(s => s.Id)
            .Take(500)
            .Select(s => new SaleSummary(
                s.Id,
                s.ProductId != null ? db.Products.Where(p => p.Id == s.ProductId).Select(p => p.Slug).First() : db.Variants.Where(v => v.Id == s.VariantId).Select(v => v.Sku).First(),
                s.ProductId != null,
                s.ProductId != null ? db.Products.Where(p => p.Id == s.ProductId).Select(p => p.Name).First() : db.Variants.Where(v => v.Id == s.VariantId).Select(v => v.Product.Name).First(),
                s.Label,
                s.PercentOff,
                s.FixedPriceMinor,
                s.StartsAt,
                s.EndsAt))
            .ToListAsync(ct);

    public async Task<Result<int>> SaveSaleAsync(int? id, SaleForm form, string actor, CancellationToken ct = default)
    {
        var errors = SalePrice.Validate(form.Label, form.PercentOff, form.FixedPriceMinor, form.StartsAt, form.EndsAt);
        if (errors.Count > 0)
        {
            var (field, message) = errors.First();
            return DomainError.Invalid($"sale.{field}", message);
        }

        var target = form.Target?.Trim() ?? "";
        int? productId = null, variantId = null;
        if (form.WholeProduct)
        {
            productId = await db.Products.Where(p => p.Slug == target.ToLowerInvariant()).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        }
        else
        {
            variantId = await db.Variants.Where(v => v.Sku == target.ToUpperInvariant()).Select(v => (int?)v.Id).FirstOrDefaultAsync(ct);
        }

        if (productId is null && variantId is null)
        {
            return DomainError.Invalid("sale.target", form.WholeProduct ? $"No product has the slug \"{target}\"." : $"No variant has the SKU \"{target}\".");
        }

        StoredSalePrice sale;
        if (id is { } existing)
        {
            var found = await db.SalePrices.FirstOrDefaultAsync(s => s.Id == existing, ct);
            if (found is null)
            {
                return DomainError.NotFound("sale.unknown", "No such sale.");
            }

            if (found.ProductId != productId || found.VariantId != variantId)
            {
                return DomainError.Invalid("sale.target", "A sale stays on what it was made for; end it and create a new one instead.");
            }

            sale = found;
            sale.Change(form.Label!, form.PercentOff, form.FixedPriceMinor, form.StartsAt, form.EndsAt);
        }
        else
        {
            sale = new StoredSalePrice(productId, variantId, form.Label!, form.PercentOff, form.FixedPriceMinor, form.StartsAt, form.EndsAt, clock.UtcNow);
            db.SalePrices.Add(sale);
        }

        await db.SaveChangesAsync(ct);
        audit.Record(actor, id is null ? "sale.created" : "sale.changed", "sale_price", Text(sale.Id), new { form.Target, form.WholeProduct, form.Label, form.PercentOff, form.FixedPriceMinor, form.StartsAt, form.EndsAt });
        await db.SaveChangesAsync(ct);
        await facts.RefreshAsync(ct);
        cache.Invalidate();
        return sale.Id;
    }

    public async Task<Result<bool>> EndSaleAsync(int id, string actor, CancellationToken ct = default)
    {
        var sale = await db.SalePrices.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (sale is null)
        {
            return DomainError.NotFound("sale.unknown", "No such sale.");
        }

        sale.End(clock.UtcNow);
        audit.Record(actor, "sale.ended", "sale_price", Text(id), new { sale.EndsAt });
        await db.SaveChangesAsync(ct);
        await facts.RefreshAsync(ct);
        cache.Invalidate();
        return true;
    }

    public async Task<IReadOnlyList<MarkdownRuleSummary>> RulesAsync(CancellationToken ct = default) =>
        await db.MarkdownRules.AsNoTracking()
            .OrderByDescending(r => r.IsActive).ThenBy(r => r.Id)
            .Select(r => new MarkdownRuleSummary(
                r.Id,
                r.Name,
                r.PercentOff,
                r.StockAbove,
                r.DaysWithoutSale,
                db.Products.Where(p => p.Id == r.ProductId).Select(p => p.Slug).FirstOrDefault(),
                db.Categories.Where(c => c.Id == r.CategoryId).Select(c => c.Slug).FirstOrDefault(),
                r.IsActive,
                r.EndedAt,
                db.Markdowns.Count(m => m.RuleId == r.Id && m.EndedAt == null)))
            .ToListAsync(ct);

    public async Task<Result<int>> SaveRuleAsync(int? id, MarkdownRuleForm form, string actor, CancellationToken ct = default)
    {
        var errors = MarkdownRule.Validate(form.Name, form.PercentOff, form.StockAbove, form.DaysWithoutSale);
        if (errors.Count > 0)
        {
            var (field, message) = errors.First();
            return DomainError.Invalid($"markdown.{field}", message);
        }

        int? productId = null, categoryId = null;
        if (!string.IsNullOrWhiteSpace(form.ProductSlug))
        {
            var slug = form.ProductSlug.Trim().ToLowerInvariant();
            productId = await db.Products.Where(p => p.Slug == slug).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
            if (productId is null)
            {
                return DomainError.Invalid("markdown.productSlug", $"No product has the slug \"{slug}\".");
            }
        }

        if (!string.IsNullOrWhiteSpace(form.CategorySlug))
        {
            var slug = form.CategorySlug.Trim().ToLowerInvariant();
            categoryId = await db.Categories.Where(c => c.Slug == slug).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
            if (categoryId is null)
            {
                return DomainError.Invalid("markdown.categorySlug", $"No category has the slug \"{slug}\".");
            }
        }

        StoredMarkdownRule rule;
        if (id is { } existing)
        {
            var found = await db.MarkdownRules.FirstOrDefaultAsync(r => r.Id == existing, ct);
            if (found is null)
            {
                return DomainError.NotFound("markdown.unknown", "No such markdown rule.");
            }

            if (!found.IsActive)
            {
                return DomainError.Conflict("markdown.ended", "This rule has ended; create a new one instead.");
            }

            rule = found;
            rule.Change(form.Name!, form.PercentOff, form.StockAbove, form.DaysWithoutSale, productId, categoryId);

            // Open markdowns show the new name and percentage at once; who is covered is settled by the next evaluation.
            foreach (var markdown in await db.Markdowns.Where(m => m.RuleId == rule.Id && m.EndedAt == null).ToListAsync(ct))
            {
                markdown.Follow(rule.Name, rule.PercentOff);
            }
        }
        else
        {
            rule = new StoredMarkdownRule(form.Name!, form.PercentOff, form.StockAbove, form.DaysWithoutSale, productId, categoryId, clock.UtcNow);
            db.MarkdownRules.Add(rule);
        }

        await db.SaveChangesAsync(ct);
        audit.Record(actor, id is null ? "markdown_rule.created" : "markdown_rule.changed", "markdown_rule", Text(rule.Id), form);
        await db.SaveChangesAsync(ct);
        await facts.RefreshAsync(ct);
        cache.Invalidate();
        return rule.Id;
    }

    /// <summary>Ends a rule and, in the same transaction, every markdown it started.</summary>
    public async Task<Result<int>> EndRuleAsync(int id, string actor, CancellationToken ct = default)
    {
        var rule = await db.MarkdownRules.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (rule is null)
        {
            return DomainError.NotFound("markdown.unknown", "No such markdown rule.");
        }

        var now = clock.UtcNow;
        rule.End(now);
        var open = await db.Markdowns.Where(m => m.RuleId == id && m.EndedAt == null).ToListAsync(ct);
        foreach (var markdown in open)
        {
            markdown.End("The rule was ended", now);
        }

        audit.Record(actor, "markdown_rule.ended", "markdown_rule", Text(id), new { EndedMarkdowns = open.Count });
        await db.SaveChangesAsync(ct);
        await facts.RefreshAsync(ct);
        cache.Invalidate();
        return open.Count;
    }

    /// <summary>Sets (or with null clears) the floor no sale, list or markdown may go below for one variant.</summary>
    public async Task<Result<bool>> SetFloorAsync(string? sku, long? floorMinor, string actor, CancellationToken ct = default)
    {
        var code = sku?.Trim().ToUpperInvariant() ?? "";
        var variant = await db.Variants.FirstOrDefaultAsync(v => v.Sku == code, ct);
        if (variant is null)
        {
            return DomainError.Invalid("floor.sku", $"No variant has the SKU \"{code}\".");
        }

        if (floorMinor < 0 || floorMinor > variant.PriceMinor)
        {
            return DomainError.Invalid("floor.price", "A floor price is between zero and the variant's regular price.");
        }

        var before = variant.FloorPriceMinor;
        variant.SetFloorPrice(floorMinor);
        audit.Record(actor, "variant.floor_price", "variant", Text(variant.Id), new { variant.Sku, Before = before, After = floorMinor });
        await db.SaveChangesAsync(ct);
        await facts.RefreshAsync(ct);
        cache.Invalidate();
        return true;
    }

    public async Task<IReadOnlyList<FloorPriceSummary>> FloorsAsync(CancellationToken ct = default) =>
        await db.Variants.AsNoTracking()
            .Where(v => v.FloorPriceMinor != null)
            .OrderBy(v => v.Sku)
            .Take(500)
            .Select(v => new FloorPriceSummary(v.Sku, v.Product.Name + " (" + v.Title + ")", v.PriceMinor, v.FloorPriceMinor!.Value))
            .ToListAsync(ct);

    private static string Text(int id) => id.ToString(CultureInfo.InvariantCulture);
}
