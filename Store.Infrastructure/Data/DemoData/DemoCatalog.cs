using Microsoft.EntityFrameworkCore;
using Store.Domain.Catalog;
using Store.Domain.Common;
using Store.Domain.Inventory;
using Store.Domain.Tax;

namespace Store.Infrastructure.Data.DemoData;

/// <summary>
/// A believable outdoor-and-home catalog: 8 categories, 20 products each, sizes and colours where they make
/// sense, stock in two locations, a packed weight per category, kitchenware in the reduced tax class. Deterministic, so every fresh store looks the same.
/// </summary>
public static class DemoCatalog
{
    private sealed record CategorySeed(string Name, string Description, string[] Nouns, string[]? Sizes, string[] Colours, int MinPrice, int MaxPrice, int Grams, TaxClass TaxClass = TaxClass.Standard);

    private static readonly string[] Adjectives =
    [
        "Alpine", "Coastal", "Everyday", "Summit", "Trail", "Harbor", "Nordic", "Canyon", "Meadow", "Urban",
        "Classic", "Ridge", "Cedar", "Glacier", "Prairie", "Drift", "Ember", "Lakeside", "Timber", "Aurora",
    ];

    private static readonly string[] Brands = ["Northwind", "Fjell & Co", "Bluebird", "Oakline", "Kestrel", "Saltmarsh"];

    private static readonly CategorySeed[] Categories =
    [
        new("T-Shirts", "Soft organic cotton tees for every day.", ["Tee", "Pocket Tee", "Long Sleeve Tee", "Henley", "Graphic Tee"], ["S", "M", "L", "XL"], ["Black", "White", "Sage"], 1800, 4500, 200),
        new("Hoodies", "Warm fleece and French terry hoodies.", ["Hoodie", "Zip Hoodie", "Pullover", "Fleece Hoodie", "Sweatshirt"], ["S", "M", "L", "XL"], ["Charcoal", "Navy"], 4500, 9500, 650),
        new("Jackets", "Shells, puffers and rain jackets for the trail.", ["Rain Jacket", "Puffer", "Windbreaker", "Softshell", "Parka"], ["S", "M", "L", "XL"], ["Black", "Olive"], 8900, 29900, 900),
        new("Footwear", "Trail runners, boots and camp shoes.", ["Trail Runner", "Hiking Boot", "Camp Shoe", "Sneaker", "Sandal"], ["8", "9", "10", "11"], ["Brown", "Grey"], 5900, 18900, 1100),
        new("Bags", "Daypacks, totes and travel bags.", ["Daypack", "Tote", "Duffel", "Sling Bag", "Roll-top Pack"], null, ["Black", "Sand", "Forest"], 2900, 14900, 800),
        new("Camping", "Tents, sleeping bags and camp kitchen.", ["Tent", "Sleeping Bag", "Camp Stove", "Lantern", "Camp Chair"], null, ["Orange", "Green"], 2400, 39900, 2400),
        new("Kitchen", "Mugs, bottles and cookware built to last.", ["Mug", "Water Bottle", "French Press", "Skillet", "Travel Cup"], null, ["Steel", "Slate", "Cream"], 1200, 8900, 450, TaxClass.Reduced),
        new("Accessories", "Hats, socks, gloves and small things.", ["Beanie", "Cap", "Wool Socks", "Gloves", "Scarf"], null, ["Black", "Rust", "Heather"], 900, 4900, 120),
    ];

    public static async Task SeedAsync(StoreDbContext db, IClock clock, string currency, CancellationToken ct = default)
    {
        if (await db.Products.AnyAsync(ct))
        {
            return;
        }

        var now = clock.UtcNow;
        var random = new Random(2026);
        var locations = new[] { new Location("MAIN", "Main warehouse", 1), new Location("CITY", "Downtown store", 2) };
        if (!await db.Locations.AnyAsync(ct))
        {
            db.Locations.AddRange(locations);
        }
        else
        {
            locations = await db.Locations.OrderBy(l => l.Priority).ToArrayAsync(ct);
        }

        var suppliers = new[] { new Supplier("Fjordline Textiles", "orders@fjordline.example"), new Supplier("Basecamp Wholesale", "purchasing@basecamp.example") };
        db.Suppliers.AddRange(suppliers);
        var categories = Categories.Select((c, i) => new Category(c.Name, Slug.From(c.Name), c.Description, i)).ToList();
        db.Categories.AddRange(categories);
        var brands = Brands.Select(b => new Brand(b, Slug.From(b))).ToArray();
        db.Brands.AddRange(brands);
        await db.SaveChangesAsync(ct);

        var products = new List<Product>();
        for (var c = 0; c < Categories.Length; c++)
        {
            var seed = Categories[c];
            for (var i = 0; i < 20; i++)
            {
                var noun = seed.Nouns[i % seed.Nouns.Length];
                var adjective = Adjectives[(i + (c * 3)) % Adjectives.Length];
                var name = $"{adjective} {noun}";
                var brand = brands[random.Next(brands.Length)];
                var description = $"The {name} by {brand.Name}: {seed.Description.TrimEnd('.').ToLowerInvariant()}, made to be used for years. " +
                    $"Designed in our studio and tested on real trips, it is easy to care for and backed by our two-year guarantee.";
                var product = new Product(name, Slug.From(name), description, brand, categories[c].Id, currency, now.AddMinutes(-(c * 20) - i));
                product.SetFeatured(i < 2);
                product.SuppliedBy(suppliers[c < 4 ? 0 : 1].Id);
                product.SetTaxClass(seed.TaxClass);
                var price = (long)(random.Next(seed.MinPrice / 100, (seed.MaxPrice / 100) + 1) * 100) - 1;
                var skuBase = $"{seed.Name[..3].ToUpperInvariant()}-{(c * 100) + i + 1:D4}";
                var colours = seed.Colours.Take(1 + (i % seed.Colours.Length)).ToArray();
                product.SetOptions(seed.Sizes is null ? [new OptionSpec("Colour", colours)] : [new OptionSpec("Size", seed.Sizes), new OptionSpec("Colour", colours)]);
                foreach (var colour in colours)
                {
                    if (seed.Sizes is null)
                    {
                        product.AddVariant($"{skuBase}-{colour[..3].ToUpperInvariant()}", [colour], price).SetWeight(seed.Grams);
                        continue;
                    }

                    foreach (var size in seed.Sizes)
                    {
                        product.AddVariant($"{skuBase}-{colour[..3].ToUpperInvariant()}-{size}", [size, colour], price).SetWeight(seed.Grams);
                    }
                }

                products.Add(product);
            }
        }

        db.Products.AddRange(products);
        await db.SaveChangesAsync(ct);

        foreach (var variant in products.SelectMany(p => p.Variants))
        {
            AddStock(db, variant.Id, locations[0].Id, random.Next(0, 8) == 0 ? 0 : random.Next(3, 60), now).SetReorderRule(5, 24);
            AddStock(db, variant.Id, locations[1].Id, random.Next(0, 12), now);
        }

        await db.SaveChangesAsync(ct);

        // Opening stock that is already short shows on the low-stock list, without an alert storm on first start.
        await db.Database.ExecuteSqlAsync($"UPDATE inventory SET low_stock_since = {now} WHERE reorder_point > 0 AND on_hand - reserved < reorder_point", ct);
    }

    private static InventoryLevel AddStock(StoreDbContext db, int variantId, int locationId, int units, DateTimeOffset now)
    {
        var level = new InventoryLevel(variantId, locationId, units);
        db.Inventory.Add(level);
        if (units > 0)
        {
            db.StockMovements.Add(new StockMovement(variantId, locationId, MovementKind.Receipt, units, 0, null, "demo-data", "Opening stock", now));
        }

        return level;
    }
}
