using Microsoft.Extensions.Options;
using Store.Infrastructure.Catalog;
using Store.Infrastructure.Idempotency;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Store.Web.Api;

/// <summary>
/// <see cref="IdempotencyFilter{TRequest}"/> for stock writes: the change, its ledger lines and the recorded answer
/// commit together, and a refusal leaves nothing behind but its answer. The services join the transaction it opens.
/// </summary>
public sealed class AtomicIdempotencyFilter<TRequest>(
    IdempotencyService idempotency,
    IOptions<JsonOptions> json,
    ILogger<IdempotencyFilter<TRequest>> logger,
    CatalogCache cache)
    : IdempotencyFilter<TRequest>(idempotency, json, logger)
{
    protected override bool Atomic => true;

    // The services clear the catalog cache when their own work is done, which here is before the commit: a page
    // read in between would cache the old stock for its lifetime, so the cache is cleared again once it is visible.
    protected override void Committed() => cache.Invalidate();
}
