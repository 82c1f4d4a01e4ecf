namespace Store.Domain.Content;

/// <summary>A page the store has from the start, with the text it shows until the owner writes their own.</summary>
public sealed record ContentPageDefault(string Slug, string Title, string Body);

/// <summary>
/// The four pages shoppers look for before they trust a shop, linked from every page's footer. The default text is
/// plain and true of this software (30-day returns are the demo's promise; the owner is told to check every line).
/// </summary>
public static class ContentPageDefaults
{
    public const string Contact = "contact";
    public const string ShippingAndReturns = "shipping-returns";
    public const string Privacy = "privacy";
    public const string Terms = "terms";

    public static IReadOnlyList<ContentPageDefault> All { get; } =
    [
        new(Contact, "Contact us", """
            We are happy to help with orders, sizing, returns or anything else.

            Write to us by email and we answer within one working day. Please include your order number if your
            question is about an order: you find it in your confirmation email and under **My orders**.
            """),
        new(ShippingAndReturns, "Shipping and returns", """
            ## Shipping

            We ship from our own warehouse. Shipping costs and delivery estimates for your address are shown at
            checkout before you pay, and every parcel has a tracking number that we email you when it leaves.

            ## Returns

            Not right? Send it back within **30 days** of delivery, unused and with its tags, and we refund the price
            of the items to your original payment method within 5 working days of receiving them.

            To start a return, contact us with your order number.
            """),
        new(Privacy, "Privacy policy", """
            We collect only what we need to take and deliver your order: your name, email, delivery address and what
            you bought. Card details are entered on our payment provider's page and never reach us.

            - We use your data to fulfil your order, to answer you and to meet our legal duties (such as keeping
              invoices).
            - We share your address only with the carrier that delivers your parcel.
            - We use one cookie to keep your cart and one to keep you signed in; no advertising or tracking cookies.
            - You may ask us at any time for a copy of your data or for its deletion, where the law allows.
            """),
        new(Terms, "Terms of sale", """
            These terms apply to every order placed in this shop.

            1. **Prices** are shown in the shop's currency. Any tax and shipping are shown at checkout before you pay.
            2. **Your order** is accepted when we confirm your payment by email.
            3. **Delivery** estimates are given at checkout; we tell you if anything delays your order.
            4. **Returns** are described on our shipping and returns page.
            5. **Questions or complaints**: contact us, we answer within one working day.
            """),
    ];

    public static ContentPageDefault? Find(string? slug) => All.FirstOrDefault(p => p.Slug == slug);
}
