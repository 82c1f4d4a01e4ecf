using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Domain.Customers;
using Store.Infrastructure.Data;

namespace Store.Infrastructure.Customers;

/// <summary>A customer's saved addresses: the account pages, /api/account/addresses and checkout use this one service.</summary>
public sealed class AddressBookService(StoreDbContext db, IClock clock)
{
    public async Task<IReadOnlyList<SavedAddressSummary>> ListAsync(string customerId, CancellationToken ct = default)
    {
        var rows = await db.SavedAddresses.AsNoTracking()
            .Where(a => a.CustomerId == customerId)
            .OrderByDescending(a => a.IsDefault).ThenByDescending(a => a.CreatedAt)
            .ToListAsync(ct);
        return [.. rows.Select(SavedAddressSummary.From)];
    }

    public async Task<SavedAddressSummary?> FindAsync(string customerId, Guid id, CancellationToken ct = default) =>
        await db.SavedAddresses.AsNoTracking().Where(a => a.CustomerId == customerId && a.Id == id).FirstOrDefaultAsync(ct) is { } row
            ? SavedAddressSummary.From(row)
            : null;

    public Task<Result<SavedAddressSummary>> AddAsync(string customerId, AddressDetails details, bool makeDefault, CancellationToken ct = default) =>
        db.RetriableAsync(token => AddOnceAsync(customerId, details, makeDefault, onlyIfNew: false, token), ct);

    /// <summary>
    /// Saves the address a customer typed at checkout, unless the book already has it or is full: the order is placed
    /// either way, and a full book is not a reason to bother the customer.
    /// </summary>
    public Task<Result<SavedAddressSummary>> SaveFromCheckoutAsync(string customerId, AddressDetails details, CancellationToken ct = default) =>
        db.RetriableAsync(token => AddOnceAsync(customerId, details, makeDefault: false, onlyIfNew: true, token), ct);

    public Task<Result<SavedAddressSummary>> UpdateAsync(string customerId, Guid id, AddressDetails details, bool makeDefault, CancellationToken ct = default) =>
        db.RetriableAsync(token => UpdateOnceAsync(customerId, id, details, makeDefault, token), ct);

    public Task<Result<bool>> DeleteAsync(string customerId, Guid id, CancellationToken ct = default) =>
        db.RetriableAsync(token => DeleteOnceAsync(customerId, id, token), ct);

    private async Task<Result<SavedAddressSummary>> AddOnceAsync(string customerId, AddressDetails details, bool makeDefault, bool onlyIfNew, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var book = await LockBookAsync(customerId, ct);
        if (book is null)
        {
            return DomainError.NotFound("account.missing", "This account no longer exists.");
        }

        if (onlyIfNew && details.Validate().Count == 0)
        {
            var address = details.ToAddress();
            if (book.FirstOrDefault(a => a.Address == address) is { } same)
            {
                return SavedAddressSummary.From(same);
            }
        }

        var created = SavedAddress.Create(Guid.NewGuid(), customerId, details, book.Count, clock.UtcNow);
        if (!created.IsSuccess)
        {
            return created.Error!;
        }

        if (makeDefault)
        {
            await MakeDefaultAsync(book, created.Value, ct);
        }

        db.SavedAddresses.Add(created.Value);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return SavedAddressSummary.From(created.Value);
    }

    private async Task<Result<SavedAddressSummary>> UpdateOnceAsync(string customerId, Guid id, AddressDetails details, bool makeDefault, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var book = await LockBookAsync(customerId, ct) ?? [];
        if (book.FirstOrDefault(a => a.Id == id) is not { } address)
        {
            return NotFound();
        }

        if (address.Change(details, clock.UtcNow) is { IsSuccess: false } refused)
        {
            return refused.Error!;
        }

        if (makeDefault)
        {
            await MakeDefaultAsync(book, address, ct);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return SavedAddressSummary.From(address);
    }

    private async Task<Result<bool>> DeleteOnceAsync(string customerId, Guid id, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var book = await LockBookAsync(customerId, ct) ?? [];
        if (book.FirstOrDefault(a => a.Id == id) is not { } address)
        {
            return NotFound();
        }

        db.SavedAddresses.Remove(address);
        if (address.IsDefault && book.Where(a => a.Id != id).OrderByDescending(a => a.CreatedAt).FirstOrDefault() is { } next)
        {
            // The old default's row must be gone before the next one takes the flag, or the unique index refuses it.
            await db.SaveChangesAsync(ct);
            next.MakeDefault(true, clock.UtcNow);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Locks the account's row (no key update, so orders and carts may still point at it) so that two requests on one
    /// book run in turn: the count limit and the single default then hold. Null when the account is gone.
    /// </summary>
    private async Task<List<SavedAddress>?> LockBookAsync(string customerId, CancellationToken ct)
    {
        var locked = await db.Database
            .SqlQuery<int>($"SELECT 1 AS \"Value\" FROM \"AspNetUsers\" WHERE id = {customerId} FOR NO KEY UPDATE")
            .ToListAsync(ct);
        return locked.Count == 0 ? null : await db.SavedAddresses.Where(a => a.CustomerId == customerId).ToListAsync(ct);
    }

    private async Task MakeDefaultAsync(List<SavedAddress> book, SavedAddress chosen, CancellationToken ct)
    {
        if (book.FirstOrDefault(a => a.IsDefault && a.Id != chosen.Id) is { } previous)
        {
            previous.MakeDefault(false, clock.UtcNow);

            // Cleared first in its own statement: the index allows one default per customer at every moment.
            await db.SaveChangesAsync(ct);
        }

        chosen.MakeDefault(true, clock.UtcNow);
    }

    private static DomainError NotFound() => DomainError.NotFound("address.not-found", "No such address in your address book.");
}
