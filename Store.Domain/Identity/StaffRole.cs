namespace Store.Domain.Identity;

/// <summary>What a staff account may do. Admin: everything, including staff and settings; Staff: the shop's daily
/// work (catalog, orders, inventory); Inventory: only the inventory panel and /api/inventory.</summary>
public enum StaffRole
{
    Admin,
    Staff,
    Inventory,
}
