using Microsoft.EntityFrameworkCore;
using Store.Domain.Tax;

namespace Store.Infrastructure.Data.DemoData;

public sealed partial class DemoHistory
{
    private async Task<DemoStock> LoadCatalogAsync(CancellationToken ct)
    {
        var variants = await db.Variants.AsNoTracking()
            .Where(v => v.Product.IsPublished)
            .OrderBy(v => v.Id)
            .Select(v => new DemoVariant(v.Id, v.ProductId, v.Product.CategoryId, v.Product.TaxClass, v.WeightGrams, v.Sku, v.Product.Name, v.Title, v.PriceMinor, v.SupplierId ?? v.Product.SupplierId))
            .ToListAsync(ct);
        var levels = await db.Inventory.AsNoTracking()
            .OrderBy(i => i.Location!.Priority).ThenBy(i => i.LocationId)
            .Select(i => new { i.VariantId, i.LocationId, i.OnHand, i.Reserved, i.ReorderPoint, i.ReorderQuantity })
            .ToListAsync(ct);
        var stock = new DemoStock(random);
        foreach (var variant in variants)
        {
            stock.Add(variant);
        }

        foreach (var l in levels)
        {
            stock.AddLevel(l.VariantId, l.LocationId, l.OnHand - l.Reserved, l.ReorderPoint, l.ReorderQuantity);
        }

        stock.RankProducts();
        return stock;
    }

    private sealed record DemoVariant(int Id, int ProductId, int? CategoryId, TaxClass TaxClass, int WeightGrams, string Sku, string ProductName, string Title, long PriceMinor, int? SupplierId);

    private sealed class DemoLevel(int variantId, int locationId, int available, int reorderPoint, int reorderQuantity)
    {
        public int VariantId { get; } = variantId;
        public int LocationId { get; } = locationId;
        public int Available { get; set; } = available;
        public int ReorderPoint { get; } = reorderPoint;
        public int ReorderQuantity { get; } = reorderQuantity;
        public bool OnOrder { get; set; }
    }

    /// <summary>
    /// The catalog as the history sees it: which products sell (a few best-sellers, a long tail), and the stock on the
    /// shelves at each moment. Units that come back (a cancelled order's, a return, a delivery) are on the shelf from
    /// the next day, so the simulation never sells what had not arrived yet.
    /// </summary>
    private sealed class DemoStock(Random random)
    {
        private readonly Dictionary<int, List<DemoVariant>> byProduct = [];
        private readonly Dictionary<int, List<DemoLevel>> levels = [];
        private readonly Dictionary<int, DemoVariant> variants = [];
        private readonly List<(DateTimeOffset At, DemoLevel Level, int Units, bool Delivered)> arriving = [];
        private int[] products = [];
        private double[] cumulative = [];

        /// <summary>On-hand change per (variant, location) over the whole history, as the ledger lines add up.</summary>
        public Dictionary<(int VariantId, int LocationId), int> Deltas { get; } = [];

        public int PurchaseOrders { get; set; }

        public IEnumerable<DemoLevel> Levels => levels.Values.SelectMany(l => l);

        public void Add(DemoVariant variant)
        {
            if (!byProduct.TryGetValue(variant.ProductId, out var list))
            {
                byProduct[variant.ProductId] = list = [];
            }

            list.Add(variant);
            variants[variant.Id] = variant;
        }

        public void AddLevel(int variantId, int locationId, int available, int reorderPoint, int reorderQuantity)
        {
            if (!levels.TryGetValue(variantId, out var list))
            {
                levels[variantId] = list = [];
            }

            list.Add(new DemoLevel(variantId, locationId, available, reorderPoint, reorderQuantity));
        }

        public int Weight(int variantId) => variants.TryGetValue(variantId, out var v) ? v.WeightGrams : 0;

        public int? Supplier(int variantId) => variants.TryGetValue(variantId, out var v) ? v.SupplierId : null;

        /// <summary>Popularity follows a Zipf-like curve over the products in a shuffled (but fixed) order.</summary>
        public void RankProducts()
        {
            products = [.. byProduct.Keys.Order().OrderBy(_ => random.Next())];
            cumulative = new double[products.Length];
            var sum = 0.0;
            for (var i = 0; i < products.Length; i++)
            {
                sum += 1.0 / Math.Pow(i + 1, 0.85);
                cumulative[i] = sum;
            }
        }

        public DemoVariant PickVariant()
        {
            var pick = random.NextDouble() * cumulative[^1];
            var index = Array.BinarySearch(cumulative, pick);
            var product = products[index < 0 ? ~index : index];
            var variants = byProduct[product];

            // Middle sizes sell best: weight the variants towards the middle of the list.
            var a = random.Next(variants.Count);
            var b = random.Next(variants.Count);
            return variants[(a + b) / 2];
        }

        /// <summary>Takes units from locations by priority, then by most available, as checkout does; null when short.</summary>
        public List<(DemoLevel Level, int Units)>? Take(int variantId, int quantity)
        {
            if (!levels.TryGetValue(variantId, out var list) || list.Sum(l => Math.Max(0, l.Available)) < quantity)
            {
                return null;
            }

            var taken = new List<(DemoLevel, int)>();
            var needed = quantity;
            foreach (var level in list.Where(l => l.Available > 0))
            {
                var units = Math.Min(needed, level.Available);
                level.Available -= units;
                taken.Add((level, units));
                needed -= units;
                if (needed == 0)
                {
                    break;
                }
            }

            return taken;
        }

        public void ChangeOnHand(DemoLevel level, int units)
        {
            var key = (level.VariantId, level.LocationId);
            Deltas[key] = Deltas.GetValueOrDefault(key) + units;
        }

        /// <summary>Units back on the shelf from the day after <paramref name="at"/>.</summary>
        /// <param name="delivered">A purchase order's delivery: the variant is no longer on order once it is on the shelf.</param>
        public void Arrives(DateTimeOffset at, DemoLevel level, int units, bool delivered = false) => arriving.Add((at, level, units, delivered));

        public void StartDay(DateTimeOffset midnight)
        {
            foreach (var item in arriving.Where(a => a.At < midnight).ToList())
            {
                item.Level.Available += item.Units;
                item.Level.OnOrder &= !item.Delivered;
                arriving.Remove(item);
            }
        }
    }
}
