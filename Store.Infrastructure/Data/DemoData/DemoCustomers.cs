using Bogus;
using Microsoft.AspNetCore.Identity;
using Store.Domain.Customers;
using Store.Domain.Ordering;
using Store.Infrastructure.Identity;

namespace Store.Infrastructure.Data.DemoData;

/// <summary>One of the demo store's shoppers: an account (or a guest, with <see cref="Id"/> null) and where they live.</summary>
public sealed record DemoShopper(string? Id, string Email, string Name, ShippingAddress Address, DateTimeOffset Since, double Activity)
{
    public int Orders { get; set; }
}

/// <summary>
/// The demo store's customers: accounts with a name, an address book entry and, for a few, a customer group; most live
/// in the US (every state), some in the EU countries the demo ships to. Names and addresses come from Bogus with a
/// fixed seed, so every fresh demo store has the same people. The accounts have no password (the demo's shoppers
/// never sign in; "forgot password" would set one), which also keeps seeding fast: no password hashing.
/// </summary>
public static class DemoCustomers
{
    private static readonly (string Country, string[] Cities)[] Abroad =
    [
        ("DE", ["Berlin", "Hamburg", "Munich", "Cologne", "Leipzig"]),
        ("FR", ["Paris", "Lyon", "Nantes", "Bordeaux"]),
        ("NL", ["Amsterdam", "Utrecht", "Rotterdam"]),
        ("IE", ["Dublin", "Cork", "Galway"]),
    ];

    private static readonly string[] Domains = ["example.com", "example.net", "example.org"];

    /// <summary>Makes <paramref name="count"/> accounts, joined over the year before <paramref name="end"/>; the caller saves.</summary>
    public static IReadOnlyList<DemoShopper> Create(StoreDbContext db, ILookupNormalizer normalizer, int count, DateTimeOffset start, DateTimeOffset end, int seed)
    {
        var faker = new Faker("en") { Random = new Randomizer(seed) };
        var random = new Random(seed);
        var shoppers = new List<DemoShopper>(count);
        var emails = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var shopper = Person(faker, random, emails);

            // Two thirds were customers before the history starts; the rest sign up during it, the shop growing.
            var since = random.NextDouble() < 0.67
                ? start.AddDays(-random.Next(1, 365)).AddMinutes(random.Next(24 * 60))
                : start + TimeSpan.FromTicks((long)(random.NextDouble() * (end - start).Ticks));
            var user = new StoreUser
            {
                UserName = shopper.Email,
                NormalizedUserName = normalizer.NormalizeName(shopper.Email),
                Email = shopper.Email,
                NormalizedEmail = normalizer.NormalizeEmail(shopper.Email),
                EmailConfirmed = true,
                SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
                DisplayName = shopper.Name,
                CreatedAt = since,
                CustomerGroup = random.NextDouble() switch
                {
                    < 0.05 => "wholesale",
                    < 0.12 => "members",
                    _ => null,
                },
            };
            db.Users.Add(user);
            var a = shopper.Address;
            var saved = SavedAddress.Create(Guid.NewGuid(), user.Id, new AddressDetails(a.Name, a.Line1, a.Line2, a.City, a.Region, a.PostalCode, a.Country, faker.Phone.PhoneNumber("###-###-####")), 0, since);
            if (!saved.IsSuccess)
            {
                throw new InvalidOperationException($"Demo address refused: {saved.Error!.Message}");
            }

            db.SavedAddresses.Add(saved.Value);

            // A few loyal customers buy often, most now and then (a long tail, as in any shop).
            var activity = Math.Pow(random.NextDouble(), 2.5) * 8 + 0.3;
            shoppers.Add(shopper with { Id = user.Id, Since = since, Activity = activity });
        }

        return shoppers;
    }

    /// <summary>Someone checking out as a guest.</summary>
    public static DemoShopper Guest(Faker faker, Random random, HashSet<string> emails) => Person(faker, random, emails);

    private static DemoShopper Person(Faker faker, Random random, HashSet<string> emails)
    {
        var first = faker.Name.FirstName();
        var last = faker.Name.LastName();
        var local = new string($"{first}.{last}".ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == '.').ToArray());
        var email = $"{local}@{Domains[random.Next(Domains.Length)]}";
        for (var n = 2; !emails.Add(email); n++)
        {
            email = $"{local}{n}@{Domains[random.Next(Domains.Length)]}";
        }

        var name = $"{first} {last}";
        ShippingAddress address;
        if (random.NextDouble() < 0.88)
        {
            address = new ShippingAddress(name, faker.Address.StreetAddress(), random.NextDouble() < 0.15 ? faker.Address.SecondaryAddress() : null, faker.Address.City(), faker.Address.StateAbbr(), faker.Address.ZipCode("#####"), "US");
        }
        else
        {
            var (country, cities) = Abroad[random.Next(Abroad.Length)];
            var postal = country == "IE" ? $"D{random.Next(1, 24):D2} X{random.Next(100, 999)}" : random.Next(10000, 99999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            address = new ShippingAddress(name, $"{faker.Address.StreetName()} {random.Next(1, 120)}", null, cities[random.Next(cities.Length)], null, postal, country);
        }

        return new DemoShopper(null, email, name, address, DateTimeOffset.MinValue, 1);
    }
}
