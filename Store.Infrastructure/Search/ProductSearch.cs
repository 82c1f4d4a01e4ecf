using System.Collections.Concurrent;
using System.Data;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Store.Domain.Catalog;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Search;

/// <summary>
/// Full-text search over products.search_vector (a stored generated column: name A, brand and category B,
/// description C) with disjunctive facets. The words become lexemes (PostgreSQL's english configuration, cached per
/// word); the ranking reads the search_postings table, one row per (lexeme, published product) scored on write, so a
/// common word's best matches are an index-only scan rather than a visit to every matching product row. One statement
/// per search: the best matches (at most <see cref="SearchQuery.CandidateCap"/>, by rank) are taken once, then the page
/// and every facet count come from that set in one pass (GROUPING SETS), attribute facets in a second over the
/// products' "code=value" entries (products.facet_attributes, kept by triggers). A query that finds nothing costs one more
/// query (closest known words by trigram similarity) and a retry. Results are cached per normalised query in the
/// catalog cache, so a popular search costs nothing until the catalog changes or the entry expires.
/// </summary>
public sealed partial class ProductSearch(StoreDbContext db, SynonymService synonyms, CatalogCache cache, CatalogQueries catalog, Pricing.PriceResolver prices, IOptions<SearchOptions> options, SearchLogWriter log)
{
    public const int SuggestionCount = 8;

    /// <summary>How many of a prefix's best-scored name matches autocomplete chooses its suggestions from.</summary>
    private const int SuggestionCandidates = 64;

    private static readonly string[] FacetNames = ["category", "brand", "price", "size", "colour", "instock"];

    /// <summary>Words beyond these, and synonyms beyond these per word, are ignored: each is a join in the ranking.</summary>
    private const int MaxWords = 10;
    private const int MaxAlternatives = 8;

    /// <summary>Lexemes of a word under the english configuration never change, so they are remembered (bounded).</summary>
    private static readonly ConcurrentDictionary<string, string[]> LexemeCache = new(StringComparer.Ordinal);
    private const int LexemeCacheLimit = 20_000;

    private static readonly Dictionary<string, string> FacetLabels = new()
    {
        ["category"] = "Category",
        ["brand"] = "Brand",
        ["price"] = "Price",
        ["size"] = "Size",
        ["colour"] = "Colour",
        ["instock"] = "Availability",
    };

    private static readonly string[] FacetFilters = ["f_cat", "f_brand", "f_price", "f_stock", "f_size", "f_colour"];

    /// <summary>An attribute facet lists at most this many values (the most frequent, and any selected): a free-text attribute can have thousands.</summary>
    public const int MaxAttributeFacetValues = 50;

    /// <summary>
    /// Cards show what shoppers pay now (sales, markdowns) via the price resolver; the price filter, price facets and
    /// price sort use the stored "price from", reduced by <see cref="Pricing.PriceFacts"/> (at most one markdown-job
    /// interval behind a sale that starts or ends on its own).
    /// </summary>
    public async Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken ct = default)
    {
        var text = Normalise(query.Text);
        // Cached with their prices, like catalog pages: a cached search costs no query at all.
        var result = options.Value.CacheResults
            ? await cache.GetOrLoadAsync(CacheKey(query, text), () => FindPricedAsync(query, text, ct))
            : await FindPricedAsync(query, text, ct);
        if (query.Record && text is not null && query.Page == 1 && !query.HasFilters)
        {
            log.Add(text, result.Total);
        }

        return result;
    }

    private async Task<SearchResult> FindPricedAsync(SearchQuery query, string? text, CancellationToken ct)
    {
        var found = await FindAsync(query, text, ct);
        return found with { Items = await prices.PriceSummariesAsync(found.Items, ct) };
    }

    private async Task<SearchResult> FindAsync(SearchQuery query, string? text, CancellationToken ct)
    {
        // A category filter takes the category's subcategories too, as its page does: a shopper narrowing to
        // "Outerwear" expects its jackets. The facet still counts each product under its own category.
        var categoryIds = query.Categories.Count == 0 ? null : await catalog.CategoryBranchesAsync(query.Categories, ct);
        if (text is null)
        {
            return await RunAsync(query, categoryIds, [], ct);
        }

        var map = await synonyms.MapAsync(ct);
        var first = await RunAsync(query, categoryIds, Expand(text, map), ct);
        if (first.Total > 0)
        {
            return first;
        }

        var corrected = await CorrectAsync(text, ct);
        if (corrected is not null)
        {
            var retry = await RunAsync(query, categoryIds, Expand(corrected, map), ct);
            if (retry.Total > 0)
            {
                return retry with { DidYouMean = corrected };
            }
        }

        return first;
    }

    /// <summary>Everything that changes the answer, in a fixed order, so equal searches share one cache entry.</summary>
    private static string CacheKey(SearchQuery query, string? text)
    {
        static string List(IReadOnlyList<string> values) => string.Join('\u001e', values.Order(StringComparer.Ordinal));
        return string.Join('\u001f', "search", text, query.Sort, query.Page, query.PageSize, query.CandidateCap, List(query.Categories), List(query.Brands),
            query.Price?.Key, query.InStockOnly, List(query.Sizes), List(query.Colours),
            string.Join('\u001d', query.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}\u001e{List(a.Value)}")));
    }

    /// <summary>Names of products whose name has a word starting with what was typed (GIN prefix match on the A-weighted part).</summary>
    public Task<IReadOnlyList<ProductSuggestion>> SuggestAsync(string? prefix, CancellationToken ct = default) =>
        options.Value.CacheResults
            ? cache.GetOrLoadAsync($"suggest:{Normalise(prefix)}", () => LoadSuggestionsAsync(prefix, ct))
            : LoadSuggestionsAsync(prefix, ct);

    /// <summary>
    /// Products whose name has every complete word and a word starting with the last one (as typed, stemmed like the
    /// search). The candidates are the best-scored name postings of the lexemes with that prefix — an index range
    /// scan, never a visit to every product whose name starts so — and of them, names that start with what was typed
    /// come first, then by name.
    /// </summary>
    private async Task<IReadOnlyList<ProductSuggestion>> LoadSuggestionsAsync(string? prefix, CancellationToken ct)
    {
        var words = Words(Normalise(prefix) ?? "").Select(w => NonWord().Replace(w, "")).Where(w => w.Length > 0).Take(5).ToList();
        if (words.Count == 0)
        {
            return [];
        }

        var complete = await LexemesAsync([.. words[..^1].Select(w => (IReadOnlyList<string>)[w])], ct);
        var stemmed = await LexemesAsync([[words[^1]]], ct);
        var last = stemmed is [[[var stem, ..]]] ? stem : words[^1];
        var parameters = new List<NpgsqlParameter> { new("prefix", last + "%"), new("starts", Normalise(prefix) + "%"), new("count", SuggestionCount) };
        var required = new StringBuilder();
        foreach (var lexeme in complete.SelectMany(g => g[0]))
        {
            var name = $"w{parameters.Count}";
            parameters.Add(new NpgsqlParameter(name, lexeme));
            required.Append($" AND EXISTS (SELECT 1 FROM search_postings w WHERE w.lexeme = @{name} AND w.product_id = s.product_id AND w.in_name)");
        }

        // Only the shape is built here (one EXISTS per complete word's lexeme); every value is a parameter.
        var sql = $"""
            SELECT p.name, p.slug
            FROM products p
            WHERE p.is_published AND p.id IN (
                SELECT s.product_id FROM search_postings s
                WHERE s.lexeme LIKE @prefix AND s.in_name{required}
                ORDER BY s.score DESC, s.product_id
                LIMIT {SuggestionCandidates})
            ORDER BY lower(p.name) LIKE @starts DESC, p.name, p.id
            LIMIT @count
            """;
        return await db.Database.SqlQueryRaw<ProductSuggestion>(sql, [.. parameters]).ToListAsync(ct);
    }

    internal static string? Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // A NUL (which PostgreSQL text cannot hold) separates words like a space.
        var joined = string.Join(' ', text.Replace('\0', ' ').Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return joined.Length > SearchQuery.MaxQueryLength ? joined[..SearchQuery.MaxQueryLength] : joined;
    }

    private static List<string> Words(string text) => [.. text.Split(' ', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>Each query word becomes a group of alternatives (itself and its synonyms); groups are AND-ed, alternatives OR-ed.</summary>
    private static List<IReadOnlyList<string>> Expand(string text, IReadOnlyDictionary<string, IReadOnlyList<string>> map) =>
        map.TryGetValue(text, out var whole) ? [whole] : [.. Words(text).Select(w => map.TryGetValue(w, out var alts) ? alts : (IReadOnlyList<string>)[w])];

    /// <summary>Replaces each word the catalog does not know by the most similar word it does; null when nothing changes.</summary>
    private async Task<string?> CorrectAsync(string text, CancellationToken ct)
    {
        var words = Words(text).ToArray();
        var corrected = await db.Database.SqlQuery<string>($"""
            SELECT coalesce(
                CASE WHEN EXISTS (SELECT 1 FROM search_words k WHERE k.word = t.word) THEN t.word END,
                (SELECT k.word FROM search_words k WHERE k.word % t.word ORDER BY k.word <-> t.word, k.word LIMIT 1),
                t.word) AS "Value"
            FROM unnest({words}) WITH ORDINALITY AS t(word, n)
            ORDER BY t.n
            """).ToListAsync(ct);
        var result = string.Join(' ', corrected);
        return result == text ? null : result;
    }

    private async Task<SearchResult> RunAsync(SearchQuery query, int[]? categoryIds, List<IReadOnlyList<string>> words, CancellationToken ct)
    {
        var page = Math.Clamp(query.Page, 1, SearchQuery.MaxPage);
        var pageSize = Math.Clamp(query.PageSize, 1, SearchQuery.MaxPageSize);
        var hasText = words.Count > 0;
        var groups = hasText ? await LexemesAsync(words, ct) : [];
        if (hasText && groups.Count == 0)
        {
            // Only stop words ("the", "and"): nothing to match, as PostgreSQL's own plainto_tsquery would say.
            return new SearchResult([], 0, page, pageSize, [.. FacetNames.Select(name => new SearchFacet(name, []) { Label = FacetLabels[name] }), .. AttributeFacetList(query, [])], null);
        }

        var order = query.Sort switch
        {
            SearchSort.PriceAsc => "price_from, id",
            SearchSort.PriceDesc => "price_from DESC, id",
            SearchSort.Newest => "created_at DESC, id DESC",
            SearchSort.BestSelling when hasText => "sold DESC, rank DESC, id",
            SearchSort.BestSelling => "sold DESC, name, id",
            _ when hasText => "rank DESC, id",
            _ => "name, id",
        };

        // One boolean per selected attribute code (f_a0, f_a1 … in code order) joins the six fixed filters; each facet
        // counts with all of them but its own.
        var codes = query.Attributes.Keys.Order(StringComparer.Ordinal).ToArray();
        string[] filters = [.. FacetFilters, .. codes.Select((_, i) => $"f_a{i}")];
        string Except(string? own) => string.Join(" AND ", filters.Where(f => f != own));

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(ct);
        }

        try
        {
            // Items, facet counts and the cap flag share one candidate set, so they come back as one result whose
            // first column says which part a row belongs to.
            await using var command = new NpgsqlCommand($"""
                {Ctes(groups, codes.Length)}
                SELECT 0 AS part, i.ord, p.id, p.name, p.slug, p.brand, i.category_slug, i.price_from, p.currency, i.in_stock,
                       NULL::text AS facet, NULL::text AS value, NULL::text AS label, NULL::text[] AS arr, 0::bigint AS n
                FROM (SELECT row_number() OVER () AS ord, page.*
                      FROM (SELECT id, category_slug, price_from, in_stock FROM f WHERE {Except(null)} ORDER BY {order} LIMIT @limit OFFSET @offset) page) i
                JOIN products p ON p.id = i.id
                UNION ALL
                SELECT 1, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, in_stock,
                       CASE WHEN GROUPING(category_slug) = 0 THEN 'category' WHEN GROUPING(brand) = 0 THEN 'brand' WHEN GROUPING(band) = 0 THEN 'price'
                            WHEN GROUPING(in_stock) = 0 THEN 'instock' WHEN GROUPING(sizes) = 0 THEN 'size' WHEN GROUPING(colours) = 0 THEN 'colour'
                            ELSE 'total' END,
                       coalesce(category_slug, brand, band), category_name, coalesce(sizes, colours), count(*)
                FROM (SELECT f.*, {PriceBandCase()} AS band,
                             {Except("f_cat")} AS o_cat,
                             {Except("f_brand")} AS o_brand,
                             {Except("f_price")} AS o_price,
                             {Except("f_stock")} AS o_stock,
                             {Except("f_size")} AS o_size,
                             {Except("f_colour")} AS o_colour,
                             {Except(null)} AS o_all
                      FROM f) x
                GROUP BY GROUPING SETS ((o_cat, category_slug, category_name), (o_brand, brand), (o_price, band), (o_stock, in_stock), (o_size, sizes), (o_colour, colours), (o_all))
                HAVING CASE WHEN GROUPING(category_slug) = 0 THEN o_cat WHEN GROUPING(brand) = 0 THEN o_brand WHEN GROUPING(band) = 0 THEN o_price
                            WHEN GROUPING(in_stock) = 0 THEN o_stock WHEN GROUPING(sizes) = 0 THEN o_size WHEN GROUPING(colours) = 0 THEN o_colour
                            ELSE o_all END
                {(hasText ? "UNION ALL SELECT 2, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'capped', NULL, NULL, NULL, count(*) FROM m" : "")}
                {AttributeFacets(codes.Length)}
                """, connection);
            AddParameters(command, query, categoryIds, groups, codes);
            command.Parameters.AddWithValue("limit", pageSize);
            command.Parameters.AddWithValue("offset", (page - 1) * pageSize);
            command.Parameters.AddWithValue("cap", query.CandidateCap);

            await using var reader = await command.ExecuteReaderAsync(ct);
            var items = new List<(long Ord, ProductSummary Item)>();
            var total = 0;
            var capped = false;
            var counts = new Dictionary<string, Dictionary<string, FacetValue>>();
            var attributes = new Dictionary<string, AttributeCounts>(StringComparer.Ordinal);
            void Count(string facet, string value, string label, int n)
            {
                var values = counts.TryGetValue(facet, out var v) ? v : counts[facet] = [];
                values[value] = new FacetValue(value, label, n + (values.TryGetValue(value, out var had) ? had.Count : 0));
            }

            while (await reader.ReadAsync(ct))
            {
                var part = reader.GetInt32(0);
                if (part == 0)
                {
                    items.Add((reader.GetInt64(1), new ProductSummary(
                        reader.GetInt32(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetInt64(7), reader.GetString(8).Trim(), reader.GetBoolean(9))));
                    continue;
                }

                var facet = reader.GetString(10);
                var n = (int)reader.GetInt64(14);
                switch (facet)
                {
                    case "capped":
                        capped = n > query.CandidateCap;
                        break;
                    case "total":
                        total = n;
                        break;
                    case "attribute":
                        // "code=value" with its count, or (for a selected code) just the code, so its facet has a name even when empty.
                        var entry = reader.GetString(11);
                        var cut = entry.IndexOf('=', StringComparison.Ordinal);
                        var code = cut < 0 ? entry : entry[..cut];
                        var counted = attributes.TryGetValue(code, out var known) ? known : attributes[code] = new AttributeCounts(reader.GetString(12), reader.GetString(3));
                        if (cut >= 0)
                        {
                            counted.Values[entry[(cut + 1)..]] = n;
                        }

                        break;
                    case "instock":
                        if (reader.GetBoolean(9))
                        {
                            Count(facet, "1", "In stock", n);
                        }

                        break;
                    case "size" or "colour":
                        // Grouped by the product's whole array of values: each of its values counts the product once.
                        foreach (var value in reader.GetFieldValue<string[]>(13))
                        {
                            Count(facet, value, value, n);
                        }

                        break;
                    default:
                        var key = reader.GetString(11);
                        Count(facet, key, facet == "price" ? PriceBand.Parse(key)?.Label ?? key : facet == "category" ? reader.GetString(12) : key, n);
                        break;
                }
            }

            var facetList = FacetNames
                .Select(name => new SearchFacet(name, Ordered(name, counts.TryGetValue(name, out var v) ? [.. v.Values] : [])) { Label = FacetLabels[name] })
                .Concat(AttributeFacetList(query, attributes))
                .ToList();
            await reader.CloseAsync();
            List<ProductSummary> ordered = [.. items.OrderBy(i => i.Ord).Select(i => i.Item)];
            return new SearchResult(await CatalogQueries.WithImagesAsync(db, ordered, ct), total, page, pageSize, facetList, null)
            {
                CappedAt = capped ? query.CandidateCap : null,
            };
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    private sealed record AttributeCounts(string Name, string Type)
    {
        public Dictionary<string, int> Values { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>
    /// One facet per attribute, named by its query key (a.code), by attribute name. Selected values are always listed
    /// (with 0 when nothing matches them) so they can be unselected; a selected code no attribute has is labelled by the code.
    /// </summary>
    private static IEnumerable<SearchFacet> AttributeFacetList(SearchQuery query, Dictionary<string, AttributeCounts> attributes)
    {
        foreach (var (code, selected) in query.Attributes)
        {
            var counted = attributes.TryGetValue(code, out var known) ? known : attributes[code] = new AttributeCounts(code, nameof(AttributeType.Text));
            foreach (var value in selected)
            {
                counted.Values.TryAdd(value, 0);
            }
        }

        foreach (var (code, counted) in attributes.OrderBy(a => a.Value.Name, StringComparer.Ordinal).ThenBy(a => a.Key, StringComparer.Ordinal))
        {
            var type = Enum.TryParse<AttributeType>(counted.Type, out var t) ? t : AttributeType.Text;
            var selected = query.Attributes.TryGetValue(code, out var s) ? s : [];
            var kept = counted.Values
                .OrderByDescending(v => selected.Contains(v.Key)).ThenByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal)
                .Take(Math.Max(MaxAttributeFacetValues, selected.Count))
                .Select(v => new FacetValue(v.Key, type == AttributeType.Bool ? (v.Key == "true" ? "Yes" : "No") : v.Key, v.Value));
            var ordered = type == AttributeType.Number
                ? kept.OrderBy(v => decimal.TryParse(v.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : decimal.MaxValue).ThenBy(v => v.Value, StringComparer.Ordinal)
                : kept.OrderBy(v => v.Value, StringComparer.Ordinal);
            yield return new SearchFacet(SearchQueryParser.AttributePrefix + code, [.. ordered]) { Label = counted.Name };
        }
    }

    /// <summary>
    /// Attribute value counts: each product's "code=value" entries, counted with every filter applied except the
    /// entry's own code's (so a selected code still lists its other values), named from the definitions; then the
    /// selected codes' names, for a selected code nothing has.
    /// </summary>
    private static string AttributeFacets(int codes)
    {
        // Products share combinations of values (wool + waterproof), so candidates are first grouped by their whole
        // array and only each distinct array is unnested: fewer rows to hash than unnesting every candidate.
        var selected = string.Concat(Enumerable.Range(0, codes).Select(i => $", f_a{i}"));
        var own = codes == 0 ? "" : "WHERE " + string.Join(" AND ", Enumerable.Range(0, codes).Select(i => $"(g.f_a{i} OR starts_with(entry, @ap{i}))"));
        var sql = $"""
            UNION ALL
            SELECT 3, 0, 0, d.type, NULL, NULL, NULL, NULL, NULL, NULL, 'attribute', c.entry, d.name, NULL, c.n
            FROM (SELECT entry, sum(g.n)::bigint AS n
                  FROM (SELECT attrs{selected}, count(*) AS n FROM f WHERE {string.Join(" AND ", FacetFilters)} GROUP BY attrs{selected}) g,
                       unnest(g.attrs) AS entry
                  {own}
                  GROUP BY entry) c
            JOIN attribute_definitions d ON d.code = split_part(c.entry, '=', 1)
            """;
        return codes == 0 ? sql : sql + """

            UNION ALL
            SELECT 4, 0, 0, d.type, NULL, NULL, NULL, NULL, NULL, NULL, 'attribute', d.code, d.name, NULL, 0 FROM attribute_definitions d WHERE d.code = ANY(@codes)
            """;
    }

    private static List<FacetValue> Ordered(string facet, List<FacetValue> values) => facet switch
    {
        "price" => [.. values.OrderBy(v => PriceBand.Parse(v.Value)?.Min ?? 0)],
        "size" => [.. values.OrderBy(v => SizeOrder(v.Value)).ThenBy(v => v.Value, StringComparer.Ordinal)],
        "category" or "brand" => [.. values.OrderByDescending(v => v.Count).ThenBy(v => v.Label, StringComparer.Ordinal)],
        _ => [.. values.OrderBy(v => v.Label, StringComparer.Ordinal)],
    };

    private static int SizeOrder(string size) => Array.IndexOf(["XS", "S", "M", "L", "XL", "XXL"], size) is var i and >= 0 ? i : int.TryParse(size, out var n) ? 100 + n : 1000;

    private static string PriceBandCase()
    {
        var sql = new StringBuilder("CASE");
        foreach (var band in PriceBand.Standard.Where(b => b.Max is not null))
        {
            sql.Append($" WHEN price_from < {band.MaxMinor} THEN '{band.Key}'");
        }

        return sql.Append($" ELSE '{PriceBand.Standard[^1].Key}' END").ToString();
    }

    /// <summary>
    /// m: the candidates — with words, their best matches by rank (one more than the cap, to tell whether it cut),
    /// each product read by its key (the LATERAL … LIMIT 1 keeps it so: a generic plan of the prepared statement,
    /// not knowing the cap, once chose to hash-join all 100,000 products instead, 14 ms against 4);
    /// without, every published product. f: at most the cap of them, with what filters, facets and sorts need, and one
    /// boolean per filter, so each facet can be counted with all the other filters applied. Text is bound as
    /// parameters; only the shape of the SQL varies (with the number of words, synonyms and lexemes).
    /// </summary>
    private static string Ctes(List<List<string[]>> groups, int codes)
    {
        var hasText = groups.Count > 0;
        var candidates = hasText
            ? $"""
                FROM ({Ranking(groups)} ORDER BY rank DESC, product_id LIMIT @cap + 1) r
                CROSS JOIN LATERAL (SELECT * FROM products x WHERE x.id = r.product_id AND x.is_published LIMIT 1) p
                """
            : "FROM products p WHERE p.is_published";
        return $"""
            WITH m AS MATERIALIZED (
                SELECT p.id, p.name, p.created_at, p.category_id, p.brand, p.units_sold_30d AS sold,
                       {(hasText ? "r.rank" : "0::real")} AS rank,
                       coalesce(p.facet_sale_price_from, p.facet_price_from) AS price_from, p.facet_sizes AS sizes, p.facet_colours AS colours, p.facet_in_stock AS in_stock,
                       p.facet_attributes AS attrs
                {candidates}
            ),
            f AS MATERIALIZED (
                SELECT b.*, c.slug AS category_slug, c.name AS category_name,
                       (@category_ids::int[] IS NULL OR b.category_id = ANY(@category_ids)) AS f_cat,
                       (cardinality(@brands) = 0 OR b.brand = ANY(@brands)) AS f_brand,
                       ((@price_min::bigint IS NULL OR b.price_from >= @price_min) AND (@price_max::bigint IS NULL OR b.price_from < @price_max)) AS f_price,
                       (NOT @in_stock OR b.in_stock) AS f_stock,
                       (cardinality(@sizes) = 0 OR b.sizes && @sizes) AS f_size,
                       (cardinality(@colours) = 0 OR b.colours && @colours) AS f_colour{string.Concat(Enumerable.Range(0, codes).Select(i => $",\n           b.attrs && @a{i} AS f_a{i}"))}
                FROM {(hasText ? "(SELECT * FROM m ORDER BY rank DESC, id LIMIT @cap) b" : "m b")}
                JOIN categories c ON c.id = b.category_id
            )
            """;
    }

    /// <summary>
    /// (product_id, rank) of the products matching every word. A word matches when the product has all of the lexemes
    /// of one of its alternatives (itself or a synonym; "t-shirt" is three lexemes); its score is that alternative's
    /// postings' sum (the best alternative's when several match), and the rank is the sum over the words. One word of
    /// one lexeme is a plain read of that lexeme's postings, which ORDER BY … LIMIT turns into a top-N index scan.
    /// </summary>
    private static string Ranking(List<List<string[]>> groups)
    {
        static string Alternative(int g, int a, string[] lexemes)
        {
            if (lexemes.Length == 1)
            {
                return $"SELECT product_id, score FROM search_postings WHERE lexeme = @l{g}_{a}_0";
            }

            var sql = new StringBuilder($"SELECT s0.product_id, {string.Join(" + ", lexemes.Select((_, k) => $"s{k}.score"))} AS score FROM search_postings s0");
            for (var k = 1; k < lexemes.Length; k++)
            {
                sql.Append($" JOIN search_postings s{k} ON s{k}.lexeme = @l{g}_{a}_{k} AND s{k}.product_id = s0.product_id");
            }

            return sql.Append($" WHERE s0.lexeme = @l{g}_{a}_0").ToString();
        }

        static string Group(int g, List<string[]> alternatives) => alternatives.Count == 1
            ? Alternative(g, 0, alternatives[0])
            : $"SELECT product_id, max(score) AS score FROM ({string.Join(" UNION ALL ", alternatives.Select((l, a) => Alternative(g, a, l)))}) a GROUP BY product_id";

        if (groups.Count == 1)
        {
            return $"SELECT product_id, score AS rank FROM ({Group(0, groups[0])}) g0";
        }

        var joined = new StringBuilder($"SELECT g0.product_id, {string.Join(" + ", groups.Select((_, g) => $"g{g}.score"))} AS rank FROM ({Group(0, groups[0])}) g0");
        for (var g = 1; g < groups.Count; g++)
        {
            joined.Append($" JOIN ({Group(g, groups[g])}) g{g} ON g{g}.product_id = g0.product_id");
        }

        return joined.ToString();
    }

    /// <summary>
    /// Each word's alternatives as lexemes, as PostgreSQL's english configuration makes them (stemmed, stop words
    /// gone). Alternatives with no lexeme are dropped, and words left with no alternative.
    /// </summary>
    private async Task<List<List<string[]>>> LexemesAsync(List<IReadOnlyList<string>> words, CancellationToken ct)
    {
        var texts = words.Take(MaxWords).SelectMany(w => w.Take(MaxAlternatives)).Distinct(StringComparer.Ordinal).ToArray();
        var missing = texts.Where(t => !LexemeCache.ContainsKey(t)).ToArray();
        if (missing.Length > 0)
        {
            var found = await db.Database.SqlQuery<WordLexemes>($"""
                SELECT t.word AS "Word", tsvector_to_array(to_tsvector('english', t.word)) AS "Lexemes"
                FROM unnest({missing}) AS t(word)
                """).ToListAsync(ct);
            if (LexemeCache.Count > LexemeCacheLimit)
            {
                LexemeCache.Clear();
            }

            foreach (var row in found)
            {
                LexemeCache[row.Word] = row.Lexemes;
            }
        }

        return [.. words.Take(MaxWords)
            .Select(w => w.Take(MaxAlternatives).Select(t => LexemeCache.TryGetValue(t, out var l) ? l : []).Where(l => l.Length > 0).ToList())
            .Where(alternatives => alternatives.Count > 0)];
    }

    private sealed record WordLexemes(string Word, string[] Lexemes);

    private static void AddParameters(NpgsqlCommand command, SearchQuery query, int[]? categoryIds, List<List<string[]>> groups, string[] codes)
    {
        for (var i = 0; i < codes.Length; i++)
        {
            var code = codes[i];
            command.Parameters.Add(new NpgsqlParameter($"a{i}", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = query.Attributes[code].Select(v => $"{code}={v}").ToArray() });
            command.Parameters.AddWithValue($"ap{i}", code + "=");
        }

        if (codes.Length > 0)
        {
            command.Parameters.Add(new NpgsqlParameter("codes", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = codes });
        }

        for (var g = 0; g < groups.Count; g++)
        {
            for (var a = 0; a < groups[g].Count; a++)
            {
                for (var k = 0; k < groups[g][a].Length; k++)
                {
                    command.Parameters.AddWithValue($"l{g}_{a}_{k}", groups[g][a][k]);
                }
            }
        }

        command.Parameters.Add(new NpgsqlParameter("category_ids", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = (object?)categoryIds ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("brands", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = query.Brands.ToArray() });
        command.Parameters.Add(new NpgsqlParameter("sizes", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = query.Sizes.ToArray() });
        command.Parameters.Add(new NpgsqlParameter("colours", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = query.Colours.ToArray() });
        command.Parameters.Add(new NpgsqlParameter("price_min", NpgsqlDbType.Bigint) { Value = (object?)query.Price?.MinMinor ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("price_max", NpgsqlDbType.Bigint) { Value = (object?)query.Price?.MaxMinor ?? DBNull.Value });
        command.Parameters.AddWithValue("in_stock", query.InStockOnly);
    }

    [GeneratedRegex(@"[^\p{L}\p{N}]")]
    private static partial Regex NonWord();
}
