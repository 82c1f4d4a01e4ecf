using System.Globalization;
using CsvHelper;
using Store.Domain.Catalog;
using Store.Domain.Common;

namespace Store.Infrastructure.Catalog.Import;

/// <summary>
/// The product CSV: one line per variant; the product's own columns repeat on each of its lines, and its slug
/// ties the lines together. Prices are decimal in the store's currency ("19.99"); options are up to three
/// name/value column pairs, as other shop systems export them.
/// </summary>
public static class ProductCsv
{
    public const int MaxLines = 20_000;

    public static readonly string[] Columns =
    [
        "product_slug", "product_name", "status", "category", "brand", "description", "seo_title", "seo_description",
        "sku", "option1_name", "option1_value", "option2_name", "option2_value", "option3_name", "option3_value",
        "barcode", "price", "weight_grams", "stock",
    ];

    private static readonly string[] Required = ["product_slug", "product_name", "category", "sku", "price"];

    public static string Write(IEnumerable<ProductCsvRow> rows, string currency)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);

        // A name or description starting with = + - @ would run as a formula in a spreadsheet: it is written
        // with a leading apostrophe, which Read takes off again, so an export re-imports unchanged.
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            csv.WriteHeader(Columns);
            foreach (var r in rows)
            {
                var fields = new List<string>
                {
                    r.Slug, r.Name, r.Published ? "published" : "draft", r.CategorySlug, r.Brand, r.Description, r.SeoTitle, r.SeoDescription, r.Sku,
                };
                for (var i = 0; i < VariantMatrix.MaxOptions; i++)
                {
                    fields.Add(i < r.Options.Count ? r.Options[i].Name : "");
                    fields.Add(i < r.Options.Count ? r.Options[i].Value : "");
                }

                fields.AddRange([r.Barcode, FormatPrice(r.PriceMinor, currency), r.WeightGrams.ToString(CultureInfo.InvariantCulture), r.Stock?.ToString(CultureInfo.InvariantCulture) ?? ""]);
                csv.WriteRecord(fields.ToArray());
            }
        }

        return text.ToString();
    }

    /// <summary>Reads every line; a line that cannot be a variant comes back as a rejection with its line number (the header is line 1).</summary>
    public static (List<ProductCsvRow> Rows, List<ImportRejection> Rejected, string? FileError) Read(string content, string currency)
    {
        var rows = new List<ProductCsvRow>();
        var rejected = new List<ImportRejection>();
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = bad => rejected.Add(new ImportRejection((int)bad.LineNumber, "", $"This line is not valid CSV ({bad.Reason}): check its quotes.")),
        };
        using var csv = CsvReader.FromText(content.TrimStart('\uFEFF'), options);
        IReadOnlyList<string> header;
        try
        {
            header = [.. csv.Headers.Select(h => h.Trim().ToLowerInvariant())];
        }
        catch (CsvFormatException)
        {
            return (rows, rejected, "The first line must be the header.");
        }

        var missing = Required.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            return (rows, rejected, $"The header lacks the column(s) {string.Join(", ", missing)}.");
        }

        var index = Columns.ToDictionary(c => c, c => header.ToList().IndexOf(c));
        while (true)
        {
            try
            {
                if (!csv.Read())
                {
                    break;
                }
            }
            catch (CsvFormatException e)
            {
                rejected.Add(new ImportRejection((int)Math.Max(e.LineNumber, 1), "", "The file is not valid CSV from this line on (check its quotes)."));
                break;
            }

            if (rows.Count + rejected.Count >= MaxLines)
            {
                return (rows, rejected, $"A file has at most {MaxLines:N0} lines; split it.");
            }

            var line = (int)csv.LineNumber;
            string Get(string column) => index[column] is var i and >= 0 && i < csv.FieldCount ? Unescape(csv.GetString(i)?.Trim() ?? "") : "";
            if (Columns.All(c => Get(c).Length == 0))
            {
                continue;
            }

            var (row, reason) = ReadRow(Get, line, currency);
            if (row is not null)
            {
                rows.Add(row);
            }
            else
            {
                rejected.Add(new ImportRejection(line, Get("sku").ToUpperInvariant(), reason!));
            }
        }

        return (rows, [.. rejected.OrderBy(r => r.Line)], null);
    }

    private static string Unescape(string value) => value.Length > 1 && value[0] == '\'' && "=@+-\t\r".Contains(value[1]) ? value[1..] : value;

    private static (ProductCsvRow? Row, string? Reason) ReadRow(Func<string, string> field, int line, string currency)
    {
        var sku = field("sku").ToUpperInvariant();
        if (sku.Length == 0)
        {
            return (null, "The SKU is missing.");
        }

        if (sku.Length > 64 || !sku.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return (null, $"The SKU {sku} is not 1 to 64 letters, digits, '-' or '_'.");
        }

        var name = field("product_name");
        if (name.Length is 0 or > Product.MaxNameLength)
        {
            return (null, $"The product name is missing or longer than {Product.MaxNameLength} characters.");
        }

        var slug = field("product_slug");
        slug = slug.Length == 0 ? Slug.From(name) : slug;
        if (!Slug.IsValid(slug) || slug.Length > Product.MaxSlugLength)
        {
            return (null, $"The slug {slug} is not lower-case letters, digits and single dashes.");
        }

        bool? published = field("status").ToLowerInvariant() switch
        {
            "published" => true,
            "draft" or "" => false,
            _ => null,
        };
        if (published is null)
        {
            return (null, $"The status {field("status")} is neither published nor draft.");
        }

        var category = field("category");
        if (category.Length == 0)
        {
            return (null, "The category is missing.");
        }

        var priceText = field("price");
        if (!TryParsePrice(priceText, currency, out var price))
        {
            return (null, $"The price '{priceText}' is not an amount like 19.99 between 0 and 1,000,000.");
        }

        var weightText = field("weight_grams");
        var weight = 0;
        if (weightText.Length > 0 && (!int.TryParse(weightText, NumberStyles.None, CultureInfo.InvariantCulture, out weight) || weight > 1_000_000))
        {
            return (null, $"The weight '{weightText}' is not whole grams between 0 and 1,000,000.");
        }

        var stockText = field("stock");
        int? stock = null;
        if (stockText.Length > 0)
        {
            if (!int.TryParse(stockText, NumberStyles.None, CultureInfo.InvariantCulture, out var units) || units > 1_000_000)
            {
                return (null, $"The stock '{stockText}' is not a whole number between 0 and 1,000,000.");
            }

            stock = units;
        }

        var options = new List<(string, string)>();
        for (var i = 1; i <= VariantMatrix.MaxOptions; i++)
        {
            var optionName = field($"option{i}_name");
            var optionValue = field($"option{i}_value");
            if (optionName.Length == 0 && optionValue.Length == 0)
            {
                continue;
            }

            if (optionName.Length is 0 or > ProductOption.MaxNameLength || optionValue.Length is 0 or > ProductOption.MaxValueLength)
            {
                return (null, $"Option {i} needs a name and a value of 1 to {ProductOption.MaxValueLength} characters.");
            }

            options.Add((optionName, optionValue));
        }

        var barcode = field("barcode");
        var (description, seoTitle, seoDescription, brand) = (field("description"), field("seo_title"), field("seo_description"), field("brand"));
        if (barcode.Length > 64 || description.Length > 10_000 || seoTitle.Length > 200 || seoDescription.Length > 400 || brand.Length > Brand.MaxNameLength)
        {
            return (null, "A text is too long (barcode 64, description 10,000, SEO title 200, SEO description 400, brand 100).");
        }

        return (new ProductCsvRow(line, slug, name, published.Value, category, brand, description, seoTitle, seoDescription, sku, options, barcode, price, weight, stock), null);
    }

    /// <summary>A price in the store's currency, written with a dot and at most that currency's decimals ("19.99", "1500" for yen).</summary>
    public static bool TryParsePrice(string text, string currency, out long minor)
    {
        minor = 0;
        var digits = Currencies.MinorDigits(currency);
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount > 1_000_000m || decimal.Round(amount, digits) != amount)
        {
            return false;
        }

        minor = Currencies.ToMinor(amount, currency);
        return true;
    }

    /// <summary>Culture-neutral on purpose: a file exported in one store must import in another, whatever their culture.</summary>
    public static string FormatPrice(long minor, string currency) =>
        Currencies.ToMajor(minor, currency).ToString("F" + Currencies.MinorDigits(currency).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
