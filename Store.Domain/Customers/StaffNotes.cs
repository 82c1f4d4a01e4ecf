using Store.Domain.Common;

namespace Store.Domain.Customers;

/// <summary>
/// What staff write down about a customer ("prefers parcels left at the back door", "wholesale terms agreed"). Only
/// staff see it. Blank is no note; the limit keeps it a note, not a file store.
/// </summary>
public static class StaffNotes
{
    public const int MaxLength = 4000;

    public static Result<string?> Normalize(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return Result<string?>.Ok(null);
        }

        return trimmed.Length > MaxLength
            ? DomainError.Invalid("customer.notes", $"Notes are at most {MaxLength:N0} characters ({trimmed.Length:N0} given).")
            : Result<string?>.Ok(trimmed);
    }
}
