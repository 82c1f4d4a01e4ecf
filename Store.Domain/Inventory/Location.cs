using Store.Domain.Common;

namespace Store.Domain.Inventory;

/// <summary>A place that holds stock: a warehouse, a shop's back room. Retired locations keep their history but hold nothing.</summary>
public sealed class Location
{
    private Location()
    {
    }

    public Location(string code, string name, int priority)
    {
        Code = code;
        Name = name;
        Priority = priority;
    }

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";

    /// <summary>Lower numbers are picked first when stock is taken.</summary>
    public int Priority { get; private set; }

    /// <summary>The sender on this location's parcels; null until the owner gives it.</summary>
    public ShipFromAddress? ShipFrom { get; private set; }

    /// <summary>Set when the location was retired: no stock is kept, taken or received there any more.</summary>
    public DateTimeOffset? RetiredAt { get; private set; }

    public bool IsActive => RetiredAt is null;

    /// <summary>A new location, its code made from what staff typed (letters, digits and dashes, upper case).</summary>
    public static Result<Location> Create(string? code, string? name, int priority)
    {
        var normalizedCode = (code ?? "").Trim().ToUpperInvariant();
        if (normalizedCode.Length is < 1 or > 20 || !normalizedCode.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return DomainError.Invalid("location.code", "A location code has 1 to 20 letters, digits or dashes.");
        }

        var location = new Location(normalizedCode, "", 0);
        var renamed = location.Rename(name);
        if (!renamed.IsSuccess)
        {
            return renamed.Error!;
        }

        var prioritised = location.SetPriority(priority);
        return prioritised.IsSuccess ? location : prioritised.Error!;
    }

    public Result<bool> Rename(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            return DomainError.Invalid("location.name", "A location name has 1 to 100 characters.");
        }

        Name = name.Trim();
        return true;
    }

    public Result<bool> SetPriority(int priority)
    {
        if (priority is < 0 or > 1000)
        {
            return DomainError.Invalid("location.priority", "Priority is a number from 0 to 1000 (lower ships first).");
        }

        Priority = priority;
        return true;
    }

    public void ShipsFrom(ShipFromAddress? address) => ShipFrom = address;

    /// <summary>
    /// Retires the location. Only an empty one: stock on hand or held for orders must be moved or sold first,
    /// otherwise it would vanish from every count while the ledger still says it is there.
    /// </summary>
    public Result<bool> Retire(int unitsOnHand, int unitsReserved, int activeLocations, DateTimeOffset now)
    {
        if (!IsActive)
        {
            return DomainError.Conflict("location.retired", $"{Name} is already retired.");
        }

        if (unitsOnHand > 0 || unitsReserved > 0)
        {
            return DomainError.Conflict(
                "location.not-empty",
                $"{Name} still holds {unitsOnHand} units ({unitsReserved} reserved for orders). Transfer them to another location, or sell them, before retiring it.");
        }

        if (activeLocations <= 1)
        {
            return DomainError.Conflict("location.last", "The store needs at least one active location; add another before retiring this one.");
        }

        RetiredAt = now;
        return true;
    }
}
