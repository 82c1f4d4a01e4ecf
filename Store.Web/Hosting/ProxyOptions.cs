namespace Store.Web.Hosting;

/// <summary>
/// Store:ForwardedHeaders: which proxies may say who the client is (X-Forwarded-For) and whether it came over HTTPS
/// (X-Forwarded-Proto). Headers from any other address are ignored, so a shopper cannot claim another address to dodge
/// the rate limits. With nothing set, only a proxy on this machine (loopback) is trusted.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "Store:ForwardedHeaders";

    /// <summary>Addresses of the proxies, e.g. "10.0.0.5". Replaces the loopback default when given.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies in CIDR form, e.g. "10.0.0.0/24" (a container network). Replaces the default too.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a chain are trusted (haproxy alone: 1; a CDN in front of it: 2).</summary>
    public int ForwardLimit { get; set; } = 1;
}
