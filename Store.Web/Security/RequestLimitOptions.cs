namespace Store.Web.Security;

/// <summary>Request body limits (Store:RequestLimits). Bigger bodies are refused with 413 before they are read.</summary>
public sealed class RequestLimitOptions
{
    public const string Section = "Store:RequestLimits";

    /// <summary>Any request: above the largest upload (a 10 MB picture, a CSV of the whole catalog) with room for form encoding.</summary>
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Under /api: JSON orders, carts and Stripe's webhooks are a few kilobytes.</summary>
    public long ApiMaxBodyBytes { get; set; } = 1024 * 1024;
}
