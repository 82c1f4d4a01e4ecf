using Store.Domain.Common;

namespace Store.Domain.Inventory;

/// <summary>Who the store buys from: where purchase orders go, how long deliveries take and on what terms.</summary>
public sealed class Supplier
{
    private Supplier()
    {
    }

    public Supplier(string name, string email)
    {
        Name = name;
        Email = email;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Email { get; private set; } = "";
    public string? ContactName { get; private set; }
    public string? Phone { get; private set; }

    /// <summary>Days from sending a purchase order to the goods arriving; reorder suggestions cover this many days of sales.</summary>
    public int LeadTimeDays { get; private set; } = 7;

    /// <summary>Payment terms as agreed ("Net 30", "Prepaid"); free text, shown on purchase orders.</summary>
    public string? Terms { get; private set; }

    public static Result<Supplier> Create(string? name, string? email, string? contactName, string? phone, int leadTimeDays, string? terms)
    {
        var supplier = new Supplier();
        var updated = supplier.Update(name, email, contactName, phone, leadTimeDays, terms);
        return updated.IsSuccess ? supplier : updated.Error!;
    }

    public Result<bool> Update(string? name, string? email, string? contactName, string? phone, int leadTimeDays, string? terms)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            return DomainError.Invalid("supplier.name", "A supplier name has 1 to 100 characters.");
        }

        var trimmedEmail = (email ?? "").Trim();
        var at = trimmedEmail.IndexOf('@', StringComparison.Ordinal);
        if (trimmedEmail.Length > 256 || at < 1 || at == trimmedEmail.Length - 1 || trimmedEmail.Contains(' ', StringComparison.Ordinal))
        {
            return DomainError.Invalid("supplier.email", "Give the supplier's ordering email address.");
        }

        if (leadTimeDays is < 0 or > 365)
        {
            return DomainError.Invalid("supplier.lead-time", "Lead time is 0 to 365 days.");
        }

        if (contactName?.Length > 100 || phone?.Length > 40 || terms?.Length > 200)
        {
            return DomainError.Invalid("supplier.length", "Contact (100), phone (40) and terms (200 characters) are too long.");
        }

        Name = name.Trim();
        Email = trimmedEmail;
        ContactName = Blank(contactName);
        Phone = Blank(phone);
        LeadTimeDays = leadTimeDays;
        Terms = Blank(terms);
        return true;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
