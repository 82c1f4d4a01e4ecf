using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Store.Domain.Ordering;
using Store.Infrastructure.Data;
using Store.Infrastructure.Identity;

namespace Store.Infrastructure.Customers;

/// <summary>Whether a customer has ordered at all.</summary>
public enum CustomerOrders
{
    Any = 0,
    With = 1,
    Without = 2,
}

/// <summary>
/// The customers list's filters. <see cref="Group"/>: a group name, <see cref="NoGroup"/> for customers in none, null
/// for any. <see cref="LastOrderFrom"/> / <see cref="LastOrderBefore"/>: the last order placed in that window.
/// </summary>
public sealed record CustomerFilter(string? Search = null, string? Group = null, CustomerOrders Orders = CustomerOrders.Any, DateTimeOffset? LastOrderFrom = null, DateTimeOffset? LastOrderBefore = null)
{
    public const string NoGroup = "(none)";
}

public sealed record CustomerSummary(string Id, string Email, string? Name, string? Group, DateTimeOffset Since, int Orders, long LifetimeMinor, DateTimeOffset? LastOrderAt);

/// <summary>A page of customers, newest account first; pass <see cref="NextCursor"/> back for the next one (null: no more).</summary>
public sealed record CustomerPage(IReadOnlyList<CustomerSummary> Items, string? NextCursor);

public sealed record CustomerOrderRow(Guid Id, long Number, DateTimeOffset PlacedAt, OrderStatus Status, int Items, long TotalMinor, long RefundedMinor, string Currency);

public sealed record CustomerDetail(
    string Id,
    string Email,
    string? Name,
    string? Group,
    string? Notes,
    bool EmailConfirmed,
    DateTimeOffset Since,
    int PaidOrders,
    long LifetimeMinor,
    long RefundedMinor,
    IReadOnlyList<SavedAddressSummary> Addresses,
    IReadOnlyList<CustomerOrderRow> Orders)
{
    public long AverageOrderMinor => PaidOrders == 0 ? 0 : (LifetimeMinor + RefundedMinor) / PaidOrders;
}

/// <summary>
/// The admin's read side of customers: accounts without a staff role, with what they have bought. Lifetime value is
/// what paid orders charged less what was refunded, in the store's currency (it cannot change once there are products).
/// </summary>
public sealed class CustomerQueries(StoreDbContext db)
{
    public const int MaxPageSize = 200;
    public const int MaxOrdersShown = 200;

    /// <summary>
    /// One page, keyset-paged on (account created, id) so later pages cost what the first does; the order figures come
    /// from correlated subqueries on the (customer_id, placed_at) index, only for the rows on the page and the filters.
    /// </summary>
    public async Task<CustomerPage> ListAsync(CustomerFilter filter, string? cursor, int limit = 50, CancellationToken ct = default)
    {
        limit = Math.Clamp(limit, 1, MaxPageSize);
        var query = Customers();
        if (filter.Search?.Trim() is { Length: > 0 } search)
        {
            var pattern = "%" + search.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            query = query.Where(u => EF.Functions.ILike(u.Email!, pattern) || EF.Functions.ILike(u.DisplayName ?? "", pattern));
        }

        if (filter.Group == CustomerFilter.NoGroup)
        {
            query = query.Where(u => u.CustomerGroup == null);
        }
        else if (filter.Group?.Trim().ToLowerInvariant() is { Length: > 0 } group)
        {
            query = query.Where(u => u.CustomerGroup == group);
        }

        var rows = query.Select(u => new
        {
            u.Id,
            u.Email,
            u.DisplayName,
            u.CustomerGroup,
            u.CreatedAt,
            Orders = db.Orders.Count(o => o.CustomerId == u.Id),
            Lifetime = db.Orders.Where(o => o.CustomerId == u.Id && o.PaidAt != null).Sum(o => o.TotalMinor - o.RefundedMinor),
            LastOrderAt = db.Orders.Where(o => o.CustomerId == u.Id).Max(o => (DateTimeOffset?)o.PlacedAt),
        });
        rows = filter.Orders switch
        {
            CustomerOrders.With => rows.Where(r => r.Orders > 0),
            CustomerOrders.Without => rows.Where(r => r.Orders == 0),
            _ => rows,
        };
        if (filter.LastOrderFrom is { } from)
        {
            rows = rows.Where(r => r.LastOrderAt >= from);
        }

        if (filter.LastOrderBefore is { } before)
        {
            rows = rows.Where(r => r.LastOrderAt < before);
        }

        if (Decode(cursor) is var (createdAt, id))
        {
            rows = rows.Where(r => r.CreatedAt < createdAt || (r.CreatedAt == createdAt && string.Compare(r.Id, id) < 0));
        }

        var page = await rows
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Take(limit + 1)
            .ToListAsync(ct);
        var items = page.Take(limit)
            .Select(r => new CustomerSummary(r.Id, r.Email ?? "", r.DisplayName, r.CustomerGroup, r.CreatedAt, r.Orders, r.Lifetime, r.LastOrderAt))
            .ToList();
        return new CustomerPage(items, page.Count > limit ? Encode(items[^1]) : null);
    }

    /// <summary>The groups customers are in, for the filter.</summary>
    public async Task<IReadOnlyList<string>> GroupsAsync(CancellationToken ct = default) =>
        await Customers().Where(u => u.CustomerGroup != null).Select(u => u.CustomerGroup!).Distinct().OrderBy(g => g).ToListAsync(ct);

    public async Task<CustomerDetail?> FindAsync(string id, CancellationToken ct = default)
    {
        var user = await Customers().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return null;
        }

        var orders = await db.Orders.AsNoTracking()
            .Where(o => o.CustomerId == id)
            .OrderByDescending(o => o.PlacedAt)
            .Take(MaxOrdersShown)
            .Select(o => new CustomerOrderRow(o.Id, o.Number, o.PlacedAt, o.Status, o.Items.Sum(i => i.Quantity), o.TotalMinor, o.RefundedMinor, o.Currency))
            .ToListAsync(ct);
        var paid = await db.Orders.AsNoTracking()
            .Where(o => o.CustomerId == id && o.PaidAt != null)
            .GroupBy(o => 1)
            .Select(g => new { Count = g.Count(), Charged = g.Sum(o => o.TotalMinor), Refunded = g.Sum(o => o.RefundedMinor) })
            .FirstOrDefaultAsync(ct);
        var addresses = await db.SavedAddresses.AsNoTracking()
            .Where(a => a.CustomerId == id)
            .OrderByDescending(a => a.IsDefault).ThenByDescending(a => a.CreatedAt)
            .ToListAsync(ct);
        return new CustomerDetail(
            user.Id,
            user.Email ?? "",
            user.DisplayName,
            user.CustomerGroup,
            user.StaffNotes,
            user.EmailConfirmed,
            user.CreatedAt,
            paid?.Count ?? 0,
            (paid?.Charged ?? 0) - (paid?.Refunded ?? 0),
            paid?.Refunded ?? 0,
            [.. addresses.Select(SavedAddressSummary.From)],
            orders);
    }

    /// <summary>Accounts in no staff role: staff have accounts too, but they are not customers.</summary>
    private IQueryable<StoreUser> Customers() =>
        db.Users.AsNoTracking().Where(u => !db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && StoreRoles.All.Contains(r.Name!))));

    private static string Encode(CustomerSummary last) =>
        $"{last.Since.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{last.Id}";

    private static (DateTimeOffset CreatedAt, string Id)? Decode(string? cursor)
    {
        var colon = cursor?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon > 0 && long.TryParse(cursor![..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? (new DateTimeOffset(ticks, TimeSpan.Zero), cursor[(colon + 1)..])
            : null;
    }
}
