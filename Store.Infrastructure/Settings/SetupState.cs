using Microsoft.EntityFrameworkCore;
using Store.Infrastructure.Data;
using Store.Infrastructure.Identity;

namespace Store.Infrastructure.Settings;

/// <summary>
/// Whether the store has been set up, i.e. has a staff account. Once true it stays true for the life of the
/// process, so a set-up store asks the database only until its first staff account exists.
/// </summary>
public sealed class SetupState
{
    private volatile bool _complete;

    /// <summary>True once a staff account was seen; false only means "not known yet".</summary>
    public bool KnownComplete => _complete;

    public async Task<bool> IsCompleteAsync(StoreDbContext db, CancellationToken ct = default)
    {
        if (_complete)
        {
            return true;
        }

        if (await HasStaffAsync(db, ct))
        {
            _complete = true;
        }

        return _complete;
    }

    public void MarkComplete() => _complete = true;

    public static Task<bool> HasStaffAsync(StoreDbContext db, CancellationToken ct) =>
        db.UserRoles
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name)
            .AnyAsync(name => name == StoreRoles.Admin || name == StoreRoles.Staff, ct);
}
