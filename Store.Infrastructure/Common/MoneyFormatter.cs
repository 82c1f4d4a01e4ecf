using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using Store.Domain.Common;

namespace Store.Infrastructure.Common;

/// <summary>
/// The store's currency and culture, and every conversion between minor units and what people read or type: admin
/// tiles and forms, reports, emails, CSV files and the storefront read them here and only here, so the settings the
/// owner changes (today <see cref="ShopOptions"/>) reach every page at once.
/// </summary>
public sealed class MoneyFormatter(IOptionsMonitor<ShopOptions> options)
{
    private static readonly ConcurrentDictionary<string, CultureInfo> CultureByKey = new(StringComparer.OrdinalIgnoreCase);

    // Countries whose code is not their language's (SE is Swedish, not Northern Sami's "se").
    private static readonly Dictionary<string, string> LanguageByCountry = new(StringComparer.Ordinal)
    {
        ["AT"] = "de",
        ["BE"] = "nl",
        ["BR"] = "pt",
        ["CH"] = "de",
        ["CN"] = "zh",
        ["CZ"] = "cs",
        ["DK"] = "da",
        ["EE"] = "et",
        ["GB"] = "en",
        ["GR"] = "el",
        ["IE"] = "en",
        ["JP"] = "ja",
        ["KR"] = "ko",
        ["SE"] = "sv",
        ["SI"] = "sl",
        ["UA"] = "uk",
        ["US"] = "en",
    };

    public string Currency => options.CurrentValue.Currency.Trim().ToUpperInvariant();

    public CultureInfo Culture => CultureFor(options.CurrentValue.Culture, options.CurrentValue.HomeCountry);

    public int MinorDigits => Currencies.MinorDigits(Currency);

    public string Symbol => Currencies.Symbol(Currency);

    /// <summary>The smallest amount a price field steps by: 0.01 for dollars, 1 for yen.</summary>
    public decimal Step => Currencies.ToMajor(1, Currency);

    /// <summary>The .NET format of a price field ("F2", "F0").</summary>
    public string InputFormat => "F" + MinorDigits.ToString(CultureInfo.InvariantCulture);

    public string Format(Money money) => MoneyFormat.For(Culture).Format(money);

    /// <summary>An amount in the store's currency.</summary>
    public string Format(long minor) => MoneyFormat.For(Culture).Format(minor, Currency);

    public decimal ToMajor(long minor) => Currencies.ToMajor(minor, Currency);

    public long ToMinor(decimal major) => Currencies.ToMinor(major, Currency);

    /// <summary>
    /// The culture named in settings, else the home country's usual one: its own language when a culture of that
    /// name exists (de-DE, fr-FR), else English there (en-US, en-GB, en-IE), else invariant.
    /// </summary>
    public static CultureInfo CultureFor(string? name, string? homeCountry) =>
        CultureByKey.GetOrAdd($"{name}|{homeCountry}", _ =>
        {
            if (!string.IsNullOrWhiteSpace(name))
            {
                try
                {
                    return CultureInfo.GetCultureInfo(name.Trim());
                }
                catch (CultureNotFoundException)
                {
                    // A mistyped setting must not take the store down; the home country's culture is the next best.
                }
            }

            var country = (homeCountry ?? "").Trim().ToUpperInvariant();
            var language = LanguageByCountry.GetValueOrDefault(country, country.ToLowerInvariant());
            var cultures = CultureInfo.GetCultures(CultureTypes.SpecificCultures);
            return cultures.FirstOrDefault(c => c.Name == $"{language}-{country}")
                ?? cultures.FirstOrDefault(c => c.Name == $"en-{country}")
                ?? cultures.Where(c => c.Name.EndsWith("-" + country, StringComparison.Ordinal)).OrderBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault()
                ?? CultureInfo.InvariantCulture;
        });
}
