using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Store.Web.Hosting;

public static class ForwardedHeadersSetup
{
    /// <summary>The client's address and scheme from a trusted proxy (<see cref="ProxyOptions"/>).</summary>
    public static IServiceCollection AddStoreForwardedHeaders(this IServiceCollection services)
    {
        services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            var proxy = configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = proxy.ForwardLimit;
            if (proxy.KnownProxies.Length > 0 || proxy.KnownNetworks.Length > 0)
            {
                o.KnownProxies.Clear();
                o.KnownIPNetworks.Clear();
                foreach (var address in proxy.KnownProxies)
                {
                    o.KnownProxies.Add(IPAddress.Parse(address.Trim()));
                }

                foreach (var network in proxy.KnownNetworks)
                {
                    o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network.Trim()));
                }
            }
        });
        return services;
    }
}
