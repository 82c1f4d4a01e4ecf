using Store.Domain.Common;

namespace Store.Domain.Customers;

/// <summary>Whether a signed-in account may check out, given the owner's choice about confirmed emails.</summary>
public static class AccountCheckoutRule
{
    public const string UnconfirmedCode = "checkout.email-unconfirmed";

    public static DomainError? Check(bool requireConfirmedEmail, bool emailConfirmed) =>
        requireConfirmedEmail && !emailConfirmed
            ? new DomainError(UnconfirmedCode, "Please confirm your email address before you place an order: use the link we emailed you, or ask for a new one.", ErrorKind.Forbidden)
            : null;
}
