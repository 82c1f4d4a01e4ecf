namespace Store.Tests.Support;

/// <summary>One request the Stripe test double received: its form (or query) fields, as Stripe.net encoded them.</summary>
public sealed record StripeCall(string Method, string Path, string? IdempotencyKey, IReadOnlyDictionary<string, string> Form);
