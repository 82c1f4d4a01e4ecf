namespace Store.E2E.Support;

/// <summary>The store with the demo catalog's drawn pictures, for journeys that look at the storefront.</summary>
public sealed class PicturedStoreAppFixture : StoreAppFixture
{
    protected override bool DrawPictures => true;
}
