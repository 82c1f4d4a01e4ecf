using Npgsql;

namespace Store.Tests.Support;

/// <summary>
/// What the database holds about one order's money and timeline, read in plain SQL (not through the model the code
/// under test writes with), for the race tests' "exactly once" and "never more than captured" checks.
/// </summary>
public sealed class PaymentLedgerProbe(string connectionString)
{
    public sealed record Money(long OrderTotal, long OrderRefunded, long PaymentAmount, string PaymentStatus, long RefundRows, long RefundedInRows);

    public async Task<Money> MoneyAsync(Guid paymentId)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT o.total_minor, o.refunded_minor, p.amount_minor, p.status,
                   (SELECT count(*) FROM refunds r WHERE r.payment_id = p.id),
                   (SELECT coalesce(sum(r.amount_minor), 0) FROM refunds r WHERE r.payment_id = p.id)::bigint
            FROM payments p JOIN orders o ON o.id = p.order_id
            WHERE p.id = @payment
            """,
            connection);
        command.Parameters.AddWithValue("payment", paymentId);
        await using var row = await command.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync(), $"No payment {paymentId}.");
        return new Money(row.GetInt64(0), row.GetInt64(1), row.GetInt64(2), row.GetString(3), row.GetInt64(4), row.GetInt64(5));
    }

    /// <summary>The store's refunds of a payment: (id, provider's refund id).</summary>
    public async Task<IReadOnlyList<(Guid Id, string? ProviderReference)>> RefundsAsync(Guid paymentId)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id, provider_reference FROM refunds WHERE payment_id = @payment", connection);
        command.Parameters.AddWithValue("payment", paymentId);
        await using var row = await command.ExecuteReaderAsync();
        var list = new List<(Guid, string?)>();
        while (await row.ReadAsync())
        {
            list.Add((row.GetGuid(0), row.IsDBNull(1) ? null : row.GetString(1)));
        }

        return list;
    }

    /// <summary>Steps of the order's timeline into <paramref name="status"/>.</summary>
    public Task<long> TransitionsAsync(Guid orderId, string status) =>
        CountAsync("SELECT count(*) FROM order_status_changes WHERE order_id = @id AND \"to\" = @text", orderId, status);

    /// <summary>Notes on the order's timeline that contain <paramref name="text"/>.</summary>
    public Task<long> TimelineNotesAsync(Guid orderId, string text) =>
        CountAsync("SELECT count(*) FROM order_status_changes WHERE order_id = @id AND strpos(note, @text) > 0", orderId, text);

    /// <summary>Outbox messages of a type that name the order.</summary>
    public Task<long> OutboxAsync(Guid orderId, string type) =>
        CountAsync("SELECT count(*) FROM outbox_messages WHERE type = @text AND strpos(payload::text, @id::text) > 0", orderId, type);

    /// <summary>Audit entries of an action on one entity (a payment's state changes).</summary>
    public Task<long> AuditAsync(Guid entityId, string action) =>
        CountAsync("SELECT count(*) FROM audit_log WHERE entity_id = @id::text AND action = @text", entityId, action);

    public async Task<long> WebhookReceiptsAsync(string provider, IEnumerable<string> eventIds)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM processed_webhook_events WHERE provider = @provider AND event_id = ANY(@ids)", connection);
        command.Parameters.AddWithValue("provider", provider);
        command.Parameters.AddWithValue("ids", eventIds.ToArray());
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> CountAsync(string sql, Guid id, string text)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("text", text);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }
}
