namespace Store.Infrastructure.Shipping.Carriers;

/// <summary>A carrier refused one of the few calls written by hand (OAuth tokens, USPS payment authorisation).</summary>
public sealed class CarrierHttpException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
