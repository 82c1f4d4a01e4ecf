using Npgsql;

namespace Store.E2E.Support;

public sealed record StockReading(int VariantId, int OnHand, int Reserved);

public sealed record OrderRow(Guid Id, long Number, string Status, long TotalMinor, string Email);

public sealed record OrderItemRow(string Sku, long UnitPriceMinor, int Quantity);

public sealed record VariantRow(string Sku, string Title, long PriceMinor, int OnHand);

/// <summary>Reads what the app stored, straight from its tables, so a test checks the truth and not only the pages.</summary>
public sealed class StoreDatabaseProbe(NpgsqlDataSource db)
{
    /// <summary>A variant's stock summed over every location.</summary>
    public async Task<StockReading> StockAsync(string sku)
    {
        await using var command = db.CreateCommand("""
            SELECT v.id, COALESCE(SUM(i.on_hand), 0)::int, COALESCE(SUM(i.reserved), 0)::int
            FROM product_variants v LEFT JOIN inventory i ON i.variant_id = v.id
            WHERE v.sku = $1
            GROUP BY v.id
            """);
        command.Parameters.AddWithValue(sku);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            throw new InvalidOperationException($"No variant has SKU {sku}.");
        }

        return new StockReading(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
    }

    /// <summary>A product's variants, oldest first, with stock summed over every location.</summary>
    public async Task<IReadOnlyList<VariantRow>> VariantsOfAsync(string productSlug)
    {
        await using var command = db.CreateCommand("""
            SELECT v.sku, v.title, v.price_minor, COALESCE(SUM(i.on_hand), 0)::int
            FROM product_variants v JOIN products p ON p.id = v.product_id LEFT JOIN inventory i ON i.variant_id = v.id
            WHERE p.slug = $1
            GROUP BY v.id
            ORDER BY v.id
            """);
        command.Parameters.AddWithValue(productSlug);
        var rows = new List<VariantRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new VariantRow(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt32(3)));
        }

        return rows;
    }

    public async Task<IReadOnlyList<OrderRow>> OrdersForAsync(string email)
    {
        await using var command = db.CreateCommand("SELECT id, number, status, total_minor, email FROM orders WHERE email = $1 ORDER BY number");
        command.Parameters.AddWithValue(email);
        var rows = new List<OrderRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new OrderRow(reader.GetGuid(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4)));
        }

        return rows;
    }

    public async Task<IReadOnlyList<OrderItemRow>> OrderItemsAsync(Guid orderId)
    {
        await using var command = db.CreateCommand("SELECT sku, unit_price_minor, quantity FROM order_items WHERE order_id = $1 ORDER BY sku");
        command.Parameters.AddWithValue(orderId);
        var rows = new List<OrderItemRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new OrderItemRow(reader.GetString(0), reader.GetInt64(1), reader.GetInt32(2)));
        }

        return rows;
    }

    /// <summary>The promotions an order used (code or null for an automatic one) and what each took off, with each line's discount.</summary>
    public async Task<(IReadOnlyList<(string? Code, long AmountMinor)> Uses, long LineDiscountMinor)> PromotionsOfAsync(Guid orderId)
    {
        await using var command = db.CreateCommand("SELECT code, amount_minor FROM promotion_redemptions WHERE order_id = $1 AND released_at IS NULL ORDER BY promotion_id");
        command.Parameters.AddWithValue(orderId);
        var uses = new List<(string?, long)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                uses.Add((reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt64(1)));
            }
        }

        await using var lines = db.CreateCommand("SELECT coalesce(sum(discount_minor), 0)::bigint FROM order_items WHERE order_id = $1");
        lines.Parameters.AddWithValue(orderId);
        return (uses, (long)(await lines.ExecuteScalarAsync())!);
    }

    /// <summary>The status of every payment attempt for an order, oldest first.</summary>
    public async Task<IReadOnlyList<string>> PaymentStatusesAsync(Guid orderId)
    {
        await using var command = db.CreateCommand("SELECT status FROM payments WHERE order_id = $1 ORDER BY created_at, id");
        command.Parameters.AddWithValue(orderId);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
