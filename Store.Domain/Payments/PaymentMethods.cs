using Store.Domain.Common;

namespace Store.Domain.Payments;

/// <summary>
/// Which payment methods the shopper is offered, in the owner's order. A provider is offered only when it is
/// configured, so a half-entered set of credentials never reaches a shopper. The built-in test provider is offered
/// only when the owner lists it, or when nothing else is: with no provider configured the store takes test payments,
/// as it always did.
/// </summary>
public static class PaymentMethods
{
    public const string Test = "test";

    /// <summary>
    /// The methods offered. <paramref name="chosen"/> is the owner's list (comma-separated provider names); when it is
    /// empty, <paramref name="single"/> (the older one-provider setting) stands for it.
    /// </summary>
    public static IReadOnlyList<string> Offered(string? chosen, string? single, Func<string, bool> isConfigured)
    {
        var wanted = Parse(chosen);
        if (wanted.Count == 0 && !string.IsNullOrWhiteSpace(single))
        {
            wanted = [single.Trim().ToLowerInvariant()];
        }

        var offered = wanted.Where(m => m == Test || isConfigured(m)).ToList();
        return offered.Count > 0 ? offered : [Test];
    }

    /// <summary>The owner's list as names: trimmed, lower-case, each once, in the order given.</summary>
    public static IReadOnlyList<string> Parse(string? chosen) =>
        string.IsNullOrWhiteSpace(chosen)
            ? []
            : [.. chosen.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(m => m.ToLowerInvariant()).Distinct()];

    /// <summary>The method a new payment uses: the one asked for when offered, the first offered when none is asked for.</summary>
    public static Result<string> Choose(IReadOnlyList<string> offered, string? requested)
    {
        if (string.IsNullOrWhiteSpace(requested))
        {
            return offered[0];
        }

        var name = requested.Trim().ToLowerInvariant();
        return offered.Contains(name)
            ? name
            : DomainError.Invalid("payment.method", $"'{requested.Trim()}' is not a payment method this store offers (offered: {string.Join(", ", offered)}).");
    }
}
