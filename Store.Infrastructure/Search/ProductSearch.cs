using System.Data;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Search;

/// <summary>
/// Full-text search over products.search_vector (a stored generated column: name A, brand and category B,
/// description C) with disjunctive facets. One batch per search: the page of items, then total and facet counts;
/// a query that finds nothing costs one more query (closest known words by trigram similarity) and a retry.
/// </summary>
public sealed partial class ProductSearch(StoreDbContext db, SynonymService synonyms, CatalogCache cache)
{
    public const int SuggestionCount = 8;

    private const string AllFilters = "f_cat AND f_brand AND f_price AND f_stock AND f_size AND f_colour";

    public async Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken ct = default)
    {
        var text = Normalise(query.Text);
        var record = query.Record && text is not null && query.Page == 1 && !query.HasFilters;
        if (text is null)
        {
            return await RunAsync(query, null, [], null, ct);
        }

        var map = await synonyms.MapAsync(ct);
        var first = await RunAsync(query, text, Expand(text, map), record ? 1 : null, ct);
        if (first.Total > 0)
        {
            return first;
        }

        var corrected = await CorrectAsync(text, ct);
        if (corrected is not null)
        {
            var retry = await RunAsync(query, text, Expand(corrected, map), record ? 0 : null, ct);
            if (retry.Total > 0)
            {
                return retry with { DidYouMean = corrected };
            }
        }

        if (record)
        {
            await db.Database.ExecuteSqlAsync($"INSERT INTO search_log (query, result_count, searched_at) VALUES ({text}, 0, now())", ct);
        }

        return first;
    }

    /// <summary>Names of products whose name has a word starting with what was typed (GIN prefix match on the A-weighted part).</summary>
    public Task<IReadOnlyList<ProductSuggestion>> SuggestAsync(string? prefix, CancellationToken ct = default) =>
        cache.GetOrLoadAsync($"suggest:{Normalise(prefix)}", () => LoadSuggestionsAsync(prefix, ct));

    private async Task<IReadOnlyList<ProductSuggestion>> LoadSuggestionsAsync(string? prefix, CancellationToken ct)
    {
        var words = Words(Normalise(prefix) ?? "").Select(w => NonWord().Replace(w, "")).Where(w => w.Length > 0).Take(5).ToList();
        if (words.Count == 0)
        {
            return [];
        }

        var tsquery = string.Join(" & ", words.Select((w, i) => i == words.Count - 1 ? $"{w}:*A" : $"{w}:A"));
        var starts = Normalise(prefix) + "%";
        return await db.Database.SqlQuery<ProductSuggestion>($"""
            SELECT p.name, p.slug
            FROM products p
            WHERE p.is_published AND p.search_vector @@ to_tsquery('english', {tsquery})
            ORDER BY lower(p.name) LIKE {starts} DESC, p.name, p.id
            LIMIT {SuggestionCount}
            """).ToListAsync(ct);
    }

    internal static string? Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var joined = string.Join(' ', text.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
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

    private async Task<SearchResult> RunAsync(SearchQuery query, string? text, List<IReadOnlyList<string>> groups, int? logAtLeast, CancellationToken ct)
    {
        var page = Math.Clamp(query.Page, 1, SearchQuery.MaxPage);
        var pageSize = Math.Clamp(query.PageSize, 1, SearchQuery.MaxPageSize);
        var hasText = groups.Count > 0;
        var ctes = Ctes(groups);
        var order = query.Sort switch
        {
            SearchSort.PriceAsc => "price_from, id",
            SearchSort.PriceDesc => "price_from DESC, id",
            SearchSort.Newest => "created_at DESC, id DESC",
            _ when hasText => "rank DESC, id",
            _ => "name, id",
        };

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(ct);
        }

        try
        {
            await using var batch = new NpgsqlBatch(connection);
            var items = new NpgsqlBatchCommand($"""
                {ctes}
                SELECT id, name, slug, brand, category_slug, price_from, currency, in_stock
                FROM f WHERE {AllFilters}
                ORDER BY {order}
                LIMIT @limit OFFSET @offset
                """);
            var facets = new NpgsqlBatchCommand($"""
                {ctes}{(logAtLeast is null ? "" : $"""
                , logged AS (
                    INSERT INTO search_log (query, result_count, searched_at)
                    SELECT @log_query, count(*), now() FROM f WHERE {AllFilters} HAVING count(*) >= @log_at_least
                    RETURNING 1)
                """)}
                SELECT 'total', '', '', count(*) FROM f WHERE {AllFilters}
                UNION ALL
                SELECT 'category', category_slug, category_name, count(*) FROM f WHERE f_brand AND f_price AND f_stock AND f_size AND f_colour GROUP BY category_slug, category_name
                UNION ALL
                SELECT 'brand', brand, brand, count(*) FROM f WHERE f_cat AND f_price AND f_stock AND f_size AND f_colour GROUP BY brand
                UNION ALL
                SELECT 'price', {PriceBandCase()}, '', count(*) FROM f WHERE f_cat AND f_brand AND f_stock AND f_size AND f_colour GROUP BY 2
                UNION ALL
                SELECT 'instock', '1', 'In stock', count(*) FROM f WHERE in_stock AND f_cat AND f_brand AND f_price AND f_size AND f_colour
                UNION ALL
                SELECT 'size', s, s, count(*) FROM f CROSS JOIN unnest(f.sizes) AS s WHERE f_cat AND f_brand AND f_price AND f_stock AND f_colour GROUP BY s
                UNION ALL
                SELECT 'colour', c, c, count(*) FROM f CROSS JOIN unnest(f.colours) AS c WHERE f_cat AND f_brand AND f_price AND f_stock AND f_size GROUP BY c
                """);
            foreach (var command in new[] { items, facets })
            {
                AddParameters(command, query, groups);
                command.Parameters.AddWithValue("limit", pageSize);
                command.Parameters.AddWithValue("offset", (page - 1) * pageSize);
                batch.BatchCommands.Add(command);
            }

            if (logAtLeast is not null)
            {
                facets.Parameters.AddWithValue("log_query", text ?? "");
                facets.Parameters.AddWithValue("log_at_least", (long)logAtLeast);
            }

            await using var reader = await batch.ExecuteReaderAsync(ct);
            var list = new List<ProductSummary>();
            while (await reader.ReadAsync(ct))
            {
                list.Add(new ProductSummary(
                    reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt64(5), reader.GetString(6).Trim(), reader.GetBoolean(7)));
            }

            await reader.NextResultAsync(ct);
            var total = 0;
            var values = new Dictionary<string, List<FacetValue>>();
            while (await reader.ReadAsync(ct))
            {
                var name = reader.GetString(0);
                var count = (int)reader.GetInt64(3);
                if (name == "total")
                {
                    total = count;
                }
                else if (count > 0)
                {
                    var value = reader.GetString(1);
                    var label = name == "price" ? PriceBand.Parse(value)?.Label ?? value : reader.GetString(2);
                    (values.TryGetValue(name, out var l) ? l : values[name] = []).Add(new FacetValue(value, label, count));
                }
            }

            var facetList = new[] { "category", "brand", "price", "size", "colour", "instock" }
                .Select(n => new SearchFacet(n, Ordered(n, values.GetValueOrDefault(n) ?? [])))
                .ToList();
            await reader.CloseAsync();
            return new SearchResult(await CatalogQueries.WithImagesAsync(db, list, ct), total, page, pageSize, facetList, null);
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
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
    /// The matching products with what filters and facets need, and one boolean per filter, so each facet can be
    /// counted with all the other filters applied. Text is bound as parameters; only the shape of the SQL varies.
    /// </summary>
    private static string Ctes(List<IReadOnlyList<string>> groups)
    {
        var hasText = groups.Count > 0;
        var tsquery = string.Join(" && ", groups.Select((g, i) =>
            "(" + string.Join(" || ", g.Select((_, j) => $"plainto_tsquery('english', @t{i}_{j})")) + ")"));
        return $"""
            WITH {(hasText ? $"q AS (SELECT {tsquery} AS query)," : "")}
            base AS (
                SELECT p.id, p.name, p.slug, p.brand, p.currency, p.created_at, c.slug AS category_slug, c.name AS category_name,
                       {(hasText ? "ts_rank(p.search_vector, q.query)" : "0::real")} AS rank,
                       p.facet_price_from AS price_from, p.facet_sizes AS sizes, p.facet_colours AS colours, p.facet_in_stock AS in_stock
                FROM products p
                JOIN categories c ON c.id = p.category_id
                {(hasText ? "CROSS JOIN q" : "")}
                WHERE p.is_published {(hasText ? "AND p.search_vector @@ q.query" : "")}
            ),
            f AS (
                SELECT b.*,
                       (cardinality(@categories) = 0 OR b.category_slug = ANY(@categories)) AS f_cat,
                       (cardinality(@brands) = 0 OR b.brand = ANY(@brands)) AS f_brand,
                       ((@price_min::bigint IS NULL OR b.price_from >= @price_min) AND (@price_max::bigint IS NULL OR b.price_from < @price_max)) AS f_price,
                       (NOT @in_stock OR b.in_stock) AS f_stock,
                       (cardinality(@sizes) = 0 OR b.sizes && @sizes) AS f_size,
                       (cardinality(@colours) = 0 OR b.colours && @colours) AS f_colour
                FROM base b
            )
            """;
    }

    private static void AddParameters(NpgsqlBatchCommand command, SearchQuery query, List<IReadOnlyList<string>> groups)
    {
        for (var i = 0; i < groups.Count; i++)
        {
            for (var j = 0; j < groups[i].Count; j++)
            {
                command.Parameters.AddWithValue($"t{i}_{j}", groups[i][j]);
            }
        }

        command.Parameters.Add(new NpgsqlParameter("categories", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = query.Categories.ToArray() });
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
