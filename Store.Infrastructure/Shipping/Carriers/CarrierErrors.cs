namespace Store.Infrastructure.Shipping.Carriers;

/// <summary>How a carrier call failed, in a line for <see cref="CarrierHealth"/>: the HTTP status and the start of the body.</summary>
internal static class CarrierErrors
{
    // The generated clients' exceptions (and CarrierHttpException) carry the status in a StatusCode property.
    public static int? StatusOf(Exception e) => e.GetType().GetProperty("StatusCode")?.GetValue(e) as int?;

    public static string Describe(Exception e)
    {
        var message = e.Message.Length > 200 ? e.Message[..200] : e.Message;
        return StatusOf(e) is { } status ? $"HTTP {status}: {message}" : message;
    }
}
