namespace Store.Tests.Support;

/// <summary>One request a provider's stand-in received: what the store sent, with its idempotency key (PayPal-Request-Id or Square's idempotency_key).</summary>
public sealed record ProviderCall(string Method, string Path, string? IdempotencyKey, string Body);
