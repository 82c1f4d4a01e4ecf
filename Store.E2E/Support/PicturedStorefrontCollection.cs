namespace Store.E2E.Support;

/// <summary>
/// The journeys that look at the pictured storefront share one store: drawing the demo catalog's pictures costs tens
/// of seconds of CPU, too much to pay once per test class.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PicturedStorefrontCollection : ICollectionFixture<PicturedStoreAppFixture>
{
    public const string Name = "Pictured storefront";
}
