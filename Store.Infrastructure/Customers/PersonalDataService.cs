using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Domain.Ordering;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Data;
using Store.Infrastructure.Identity;

namespace Store.Infrastructure.Customers;

/// <summary>
/// "Download my data" and "Delete my account". Both ask for the password again: a session left open on a shared
/// computer must not be enough to take the data away or destroy the account.
/// </summary>
public sealed class PersonalDataService(StoreDbContext db, UserManager<StoreUser> users, AuditLog audit, IClock clock)
{
    /// <summary>The actor written where a deleted customer had acted (order history, stock ledger, audit log).</summary>
    public const string DeletedActor = "deleted customer";

    public async Task<Result<PersonalDataExport>> ExportAsync(string userId, string? password, CancellationToken ct = default)
    {
        var checkedUser = await CheckPasswordAsync(userId, password);
        if (!checkedUser.IsSuccess)
        {
            return checkedUser.Error!;
        }

        var user = checkedUser.Value;
        var roles = await users.GetRolesAsync(user);
        var addresses = await db.SavedAddresses.AsNoTracking()
            .Where(a => a.CustomerId == userId)
            .OrderByDescending(a => a.IsDefault).ThenByDescending(a => a.CreatedAt)
            .ToListAsync(ct);
        var orders = await db.Orders.AsNoTracking()
            .Include(o => o.Items)
            .Where(o => o.CustomerId == userId)
            .OrderByDescending(o => o.PlacedAt)
            .ToListAsync(ct);
        var orderIds = orders.Select(o => o.Id).ToList();
        var payments = await db.Payments.AsNoTracking().Where(p => orderIds.Contains(p.OrderId)).OrderBy(p => p.CreatedAt).ToListAsync(ct);
        var cart = await db.CartItems.AsNoTracking()
            .Where(i => db.Carts.Any(c => c.Id == i.CartId && c.CustomerId == userId))
            .Join(db.Variants, i => i.VariantId, v => v.Id, (i, v) => new ExportedCartLine(v.Sku, v.Product.Name, i.Quantity, i.AddedAt))
            .ToListAsync(ct);
        var numbers = orders.ToDictionary(o => o.Id, o => o.Number);
        var redemptions = await db.PromotionRedemptions.AsNoTracking()
            .Where(r => r.CustomerId == userId && r.ReleasedAt == null)
            .OrderBy(r => r.RedeemedAt)
            .ToListAsync(ct);

        return new PersonalDataExport(
            clock.UtcNow,
            new ExportedProfile(user.Id, user.Email, user.EmailConfirmed, user.DisplayName, user.PhoneNumber, user.CreatedAt, user.CustomerGroup, user.TwoFactorEnabled, [.. roles.Order()]),
            [.. addresses.Select(SavedAddressSummary.From)],
            [.. orders.Select(o => new ExportedOrder(
                o.Id, o.Number, o.Status.ToString(), o.PlacedAt, o.PaidAt, o.Email,
                new ExportedOrderAddress(o.ShippingAddress.Name, o.ShippingAddress.Line1, o.ShippingAddress.Line2, o.ShippingAddress.City, o.ShippingAddress.Region, o.ShippingAddress.PostalCode, o.ShippingAddress.Country),
                o.Currency, o.SubtotalMinor, o.ShippingMinor, o.TaxMinor, o.TotalMinor, o.RefundedMinor, o.ShippingService, o.Carrier, o.TrackingNumber,
                [.. o.Items.Select(i => new ExportedOrderLine(i.Sku, i.ProductName, i.VariantTitle, i.UnitPriceMinor, i.Quantity, i.DiscountMinor, i.TaxMinor, i.LineTotalMinor))],
                [.. payments.Where(p => p.OrderId == o.Id).Select(p => new ExportedPayment(p.Provider, p.Status.ToString(), p.AmountMinor, p.Currency, p.CardLast4, p.CreatedAt, p.CompletedAt))]))],
            cart,
            [.. redemptions.Where(r => numbers.ContainsKey(r.OrderId)).Select(r => new ExportedRedemption(numbers[r.OrderId], r.Code, r.Label, r.AmountMinor, r.Currency, r.RedeemedAt))]);
    }

    /// <summary>
    /// Deletes the account and anonymises what must stay (see README, "Customer accounts and personal data"), in one
    /// transaction: a failure leaves the account as it was. A second delete of the same account (a double click, two
    /// devices) waits for the first and then finds nothing left to do, which is a success.
    /// </summary>
    public async Task<Result<bool>> DeleteAccountAsync(string userId, string? password, CancellationToken ct = default)
    {
        var checkedUser = await CheckPasswordAsync(userId, password);
        if (!checkedUser.IsSuccess)
        {
            return checkedUser.Error!.Code == "account.missing" ? true : checkedUser.Error!;
        }

        if ((await users.GetRolesAsync(checkedUser.Value)).Count > 0)
        {
            // A store must not lose its owner or staff to a click: their accounts are removed by the owner instead.
            return DomainError.Conflict("account.staff", "Staff accounts cannot delete themselves here; ask the store's owner to remove yours.");
        }

        return await db.RetriableAsync(token => DeleteOnceAsync(userId, token), ct);
    }

    private async Task<Result<bool>> DeleteOnceAsync(string userId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        // Cart first, then the account: checkout locks the cart before it writes an order that points at the account,
        // so a checkout running now either commits before this reads the orders (and its order is anonymised too) or
        // waits and then finds no cart. The same order of locks on both sides means they cannot deadlock.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM carts WHERE customer_id = {userId} FOR UPDATE", ct);
        var account = await db.Users.FromSql($"SELECT * FROM \"AspNetUsers\" WHERE id = {userId} FOR UPDATE")
            .AsNoTracking()
            .Select(u => new { u.Id, u.Email })
            .FirstOrDefaultAsync(ct);
        if (account is null)
        {
            return true;
        }

        var orders = await db.Orders.Where(o => o.CustomerId == userId).ToListAsync(ct);
        var emails = orders.Select(o => o.Email).Append(account.Email ?? "")
            .Where(e => e.Length > 0)
            .Select(e => e.ToLowerInvariant())
            .Distinct()
            .ToList();

        // One random pseudonym per deleted account: it identifies nobody, yet promotion limits still see one customer.
        var pseudonym = $"deleted-{Guid.NewGuid():N}@deleted.invalid";
        foreach (var order in orders)
        {
            order.Anonymise(pseudonym);
        }

        // Saved before the account row goes: its ON DELETE SET NULL would touch these rows and change the version
        // the order updates are checked against.
        await db.SaveChangesAsync(ct);

        var orderIds = orders.Select(o => o.Id).ToList();
        await db.OrderStatusChanges
            .Where(h => orderIds.Contains(h.OrderId) && emails.Contains(h.Actor.ToLower()))
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.Actor, DeletedActor), ct);
        await db.StockMovements
            .Where(m => emails.Contains(m.Actor.ToLower()))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Actor, DeletedActor), ct);
        await db.AuditLog
            .Where(a => emails.Contains(a.Actor.ToLower()))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Actor, DeletedActor), ct);
        await db.PromotionRedemptions
            .Where(r => r.CustomerId == userId || emails.Contains(r.Email))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Email, pseudonym).SetProperty(r => r.CustomerId, (string?)null), ct);
        await ForgetInOutboxAsync(emails, pseudonym, ct);

        // Saved addresses, the cart, roles, claims, logins and tokens go with the account (ON DELETE CASCADE).
        // Without the row every session and token of the account fails its next security-stamp check.
        await db.Users.Where(u => u.Id == userId).ExecuteDeleteAsync(ct);
        audit.Record(DeletedActor, "account.deleted", "account", userId, new { Orders = orders.Count });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Emails already sent are dropped from the outbox; ones still waiting keep their other work (an invoice, a
    /// fulfilment start) with the address replaced, so the mail goes nowhere.
    /// </summary>
    private async Task ForgetInOutboxAsync(IReadOnlyList<string> emails, string pseudonym, CancellationToken ct)
    {
        // jsonb prints strings with their characters as they are (no \u escapes), and emails hold no quotes.
        var replacement = "\"" + pseudonym + "\"";
        foreach (var email in emails)
        {
            var quoted = "\"" + email + "\"";
            var like = "%" + quoted.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

            // In PostgreSQL's regular expressions a backslash before a character that is not a letter or digit makes
            // it literal, so the address is matched as written, in any case.
            var pattern = string.Concat(quoted.Select(c => char.IsAsciiLetterOrDigit(c) ? c.ToString() : "\\" + c));
            await db.Database.ExecuteSqlAsync(
                $"DELETE FROM outbox_messages WHERE processed_at IS NOT NULL AND lower(payload::text) LIKE {like}", ct);
            await db.Database.ExecuteSqlAsync(
                $"UPDATE outbox_messages SET payload = regexp_replace(payload::text, {pattern}, {replacement}, 'gi')::jsonb WHERE processed_at IS NULL AND lower(payload::text) LIKE {like}", ct);
        }
    }

    private async Task<Result<StoreUser>> CheckPasswordAsync(string userId, string? password)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return DomainError.NotFound("account.missing", "This account no longer exists.");
        }

        if (await users.IsLockedOutAsync(user))
        {
            return new DomainError("account.locked", "Too many wrong passwords. Try again in a few minutes.", ErrorKind.Forbidden);
        }

        if (string.IsNullOrEmpty(password) || !await users.CheckPasswordAsync(user, password))
        {
            // Counted like a failed sign-in, so this form cannot be used to guess the password of an open session.
            await users.AccessFailedAsync(user);
            return new DomainError("account.password", "That is not your current password.", ErrorKind.Forbidden);
        }

        return user;
    }
}
