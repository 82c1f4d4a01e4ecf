using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Pricing;

/// <summary>What one evaluation of the markdown rules did.</summary>
public sealed record MarkdownRun(int Started, int Ended, int Changed);

/// <summary>
/// Turns the owner's markdown rules into markdowns: starts one on each variant a rule's condition holds for, ends it
/// when stock falls to the threshold, the rule ends or stops covering the variant, and writes an audit entry for each.
/// Idempotent: evaluating twice at the same moment changes nothing the second time, and evaluations on two nodes take
/// turns on an advisory lock (the partial unique index on open markdowns is the backstop).
/// </summary>
public sealed class MarkdownService(StoreDbContext db, AuditLog audit, CatalogCache cache, PriceFacts facts, IClock clock)
{
    public const string Actor = "markdown-job";
    private const long LockKey = 0x6d61726b646f776e; // "markdown"

    public Task<MarkdownRun> EvaluateAsync(CancellationToken ct = default) =>
        db.RetriableAsync(token => EvaluateOnceAsync(token), ct);

    private async Task<MarkdownRun> EvaluateOnceAsync(CancellationToken ct)
    {
        var now = clock.UtcNow;
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", ct);

        var rules = await db.MarkdownRules.Where(r => r.IsActive).OrderBy(r => r.Id).ToListAsync(ct);
        var open = await db.Markdowns.Where(m => m.EndedAt == null).ToListAsync(ct);
        if (rules.Count == 0 && open.Count == 0)
        {
            await tx.CommitAsync(ct);
            await facts.RefreshAsync(ct);
            return new MarkdownRun(0, 0, 0);
        }

        var openVariants = open.Select(m => m.VariantId).Distinct().ToList();
        var lowestThreshold = rules.Count == 0 ? int.MaxValue : rules.Min(r => r.StockAbove);
        var variants = await db.Variants.AsNoTracking()
            .Select(v => new
            {
                v.Id,
                v.ProductId,
                v.Product.CategoryId,
                v.Product.IsPublished,
                Stock = db.Inventory.Where(i => i.VariantId == v.Id).Sum(i => i.OnHand - i.Reserved),
            })
            .Where(v => openVariants.Contains(v.Id) || (v.IsPublished && v.Stock > lowestThreshold))
            .ToListAsync(ct);

        // One grouped pass over the order lines of the candidates, not a lookup per variant.
        var candidateIds = variants.Select(v => v.Id).ToList();
        var lastSold = await db.OrderItems
            .Where(i => candidateIds.Contains(i.VariantId))
            .Join(db.Orders, i => i.OrderId, o => o.Id, (i, o) => new { i.VariantId, o.PlacedAt })
            .GroupBy(x => x.VariantId)
            .Select(g => new { VariantId = g.Key, Last = g.Max(x => x.PlacedAt) })
            .ToDictionaryAsync(x => x.VariantId, x => x.Last, ct);

        var started = 0;
        var changed = 0;
        var kept = new HashSet<StoredMarkdown>();
        foreach (var rule in rules)
        {
            var domain = rule.ToDomain();
            foreach (var v in variants.Where(v => (rule.ProductId is null || rule.ProductId == v.ProductId) && (rule.CategoryId is null || rule.CategoryId == v.CategoryId)))
            {
                var existing = open.FirstOrDefault(m => m.RuleId == rule.Id && m.VariantId == v.Id);
                DateTimeOffset? soldAt = lastSold.TryGetValue(v.Id, out var last) ? last : null;
                if (existing is not null)
                {
                    if (!v.IsPublished || !domain.ShouldHold(v.Stock))
                    {
                        continue;
                    }

                    kept.Add(existing);
                    if (existing.Follow(rule.Name, rule.PercentOff))
                    {
                        changed++;
                        audit.Record(Actor, "markdown.changed", "markdown", existing.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), new { RuleId = rule.Id, VariantId = v.Id, rule.PercentOff });
                    }
                }
                else if (v.IsPublished && domain.ShouldStart(v.Stock, soldAt, now))
                {
                    db.Markdowns.Add(new StoredMarkdown(rule.Id, v.Id, rule.Name, rule.PercentOff, now));
                    started++;
                    audit.Record(Actor, "markdown.started", "markdown_rule", rule.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), new { RuleId = rule.Id, VariantId = v.Id, rule.PercentOff, v.Stock, LastSoldAt = soldAt });
                }
            }
        }

        var ended = 0;
        foreach (var markdown in open.Where(m => !kept.Contains(m)))
        {
            var rule = rules.FirstOrDefault(r => r.Id == markdown.RuleId);
            var v = variants.FirstOrDefault(x => x.Id == markdown.VariantId);
            var reason = rule is null ? "The rule was ended"
                : v is null || !v.IsPublished ? "The product is no longer sold"
                : (rule.ProductId is not null && rule.ProductId != v.ProductId) || (rule.CategoryId is not null && rule.CategoryId != v.CategoryId) ? "The rule no longer covers this product"
                : $"Stock fell to {v.Stock} (the rule needs more than {rule.StockAbove})";
            markdown.End(reason, now);
            ended++;
            audit.Record(Actor, "markdown.ended", "markdown", markdown.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), new { markdown.RuleId, markdown.VariantId, Reason = reason });
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        // Also follows sales that started or ended since the last run.
        await facts.RefreshAsync(ct);
        if (started + ended + changed > 0)
        {
            cache.Invalidate();
        }

        return new MarkdownRun(started, ended, changed);
    }
}
