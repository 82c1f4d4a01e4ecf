using Microsoft.EntityFrameworkCore;
using Store.Domain.Common;
using Store.Domain.Customers;
using Store.Domain.Pricing;
using Store.Infrastructure.Audit;
using Store.Infrastructure.Data;
using Store.Infrastructure.Identity;

namespace Store.Infrastructure.Customers;

/// <summary>
/// Staff changing a customer from the customer's page: the price group and the staff notes. Each change is saved with
/// its audit entry (who, before, after) in one SaveChanges, so neither is written without the other.
/// </summary>
public sealed class CustomerAdminService(StoreDbContext db, AuditLog audit)
{
    /// <summary>Puts the customer in a group (letters, digits and hyphens); empty takes them out of any.</summary>
    public async Task<Result<string?>> SetGroupAsync(string customerId, string? group, string actor, CancellationToken ct = default)
    {
        if (CustomerGroupRules.ValidateGroup(group) is { } invalid)
        {
            return DomainError.Invalid("customer.group", invalid);
        }

        var user = await FindCustomerAsync(customerId, ct);
        if (user is null)
        {
            return DomainError.NotFound("customer.unknown", "No such customer.");
        }

        var before = user.CustomerGroup;
        var after = CustomerGroupRules.Normalize(group);
        if (before == after)
        {
            return after;
        }

        user.CustomerGroup = after;
        audit.Record(actor, "customer.group", "user", user.Id, new { user.Email, Before = before, After = after });
        await db.SaveChangesAsync(ct);
        return after;
    }

    /// <summary>Replaces the staff notes; blank clears them.</summary>
    public async Task<Result<string?>> SaveNotesAsync(string customerId, string? notes, string actor, CancellationToken ct = default)
    {
        var normalized = StaffNotes.Normalize(notes);
        if (!normalized.IsSuccess)
        {
            return normalized;
        }

        var user = await FindCustomerAsync(customerId, ct);
        if (user is null)
        {
            return DomainError.NotFound("customer.unknown", "No such customer.");
        }

        var before = user.StaffNotes;
        if (before == normalized.Value)
        {
            return normalized;
        }

        user.StaffNotes = normalized.Value;
        audit.Record(actor, "customer.notes", "user", user.Id, new { user.Email, Before = before, After = normalized.Value });
        await db.SaveChangesAsync(ct);
        return normalized;
    }

    /// <summary>Staff accounts are changed on the staff page, not here.</summary>
    private Task<StoreUser?> FindCustomerAsync(string customerId, CancellationToken ct) =>
        db.Users.FirstOrDefaultAsync(u => u.Id == customerId && !db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && StoreRoles.All.Contains(r.Name!))), ct);
}
