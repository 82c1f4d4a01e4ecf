using Store.Domain.Common;
using Store.Domain.Ordering;

namespace Store.Domain.Customers;

/// <summary>An address in a customer's address book. At most one per customer is the default (a unique index backs it).</summary>
public sealed class SavedAddress
{
    /// <summary>Enough for home, work and a few relatives; more is more likely a script than a person.</summary>
    public const int MaxPerCustomer = 20;

    private SavedAddress()
    {
    }

    public Guid Id { get; private set; }
    public string CustomerId { get; private set; } = "";
    public ShippingAddress Address { get; private set; } = null!;
    public string? Phone { get; private set; }
    public bool IsDefault { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static Result<SavedAddress> Create(Guid id, string customerId, AddressDetails details, int alreadySaved, DateTimeOffset now)
    {
        if (alreadySaved >= MaxPerCustomer)
        {
            return DomainError.Conflict("address.limit", $"An address book holds at most {MaxPerCustomer} addresses. Delete one first.");
        }

        if (Check(details) is { } invalid)
        {
            return invalid;
        }

        return new SavedAddress
        {
            Id = id,
            CustomerId = customerId,
            Address = details.ToAddress(),
            Phone = details.NormalizedPhone,

            // The first address is the one checkout offers first, without the customer having to say so.
            IsDefault = alreadySaved == 0,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    public Result<bool> Change(AddressDetails details, DateTimeOffset now)
    {
        if (Check(details) is { } invalid)
        {
            return invalid;
        }

        Address = details.ToAddress();
        Phone = details.NormalizedPhone;
        UpdatedAt = now;
        return true;
    }

    public void MakeDefault(bool isDefault, DateTimeOffset now)
    {
        if (IsDefault != isDefault)
        {
            IsDefault = isDefault;
            UpdatedAt = now;
        }
    }

    public AddressDetails ToDetails() =>
        new(Address.Name, Address.Line1, Address.Line2, Address.City, Address.Region, Address.PostalCode, Address.Country, Phone);

    private static DomainError? Check(AddressDetails details)
    {
        var errors = details.Validate();
        return errors.Count == 0 ? null : DomainError.Invalid("address.invalid", string.Join(" ", errors.Values.SelectMany(v => v)));
    }
}
