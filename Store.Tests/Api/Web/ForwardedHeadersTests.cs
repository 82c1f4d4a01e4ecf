using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Store.Tests.Support;

namespace Store.Tests.Api.Web;

/// <summary>Behind haproxy the store sees the shopper's address and scheme, but only when a trusted proxy says so.</summary>
public class ForwardedHeadersTests(StoreAppFactory app) : IClassFixture<StoreAppFactory>
{
    [Fact]
    public async Task Request_ThroughAProxyOnThisMachine_TakesTheClientAddressAndSchemeFromIt()
    {
        var seen = await SeenAsync(app.WithWebHostBuilder(b => FromPeer(b, IPAddress.Loopback)));

        Assert.Equal("203.0.113.9|https", seen);
    }

    [Fact]
    public async Task Request_FromAnAddressNotConfiguredAsProxy_IgnoresTheForwardedHeaders()
    {
        var seen = await SeenAsync(app.WithWebHostBuilder(b => FromPeer(b, IPAddress.Parse("198.51.100.7"))));

        Assert.Equal("198.51.100.7|http", seen);
    }

    [Fact]
    public async Task Request_FromAConfiguredProxyNetwork_IsTrustedAndLoopbackNoLonger()
    {
        // Each from the class's factory: a factory derived from a derived one is not disposed with it (its host and
        // background services would outlive the test database).
        void Configured(IWebHostBuilder b)
        {
            b.UseSetting("Store:ForwardedHeaders:KnownProxies:0", "10.0.0.5");
            b.UseSetting("Store:ForwardedHeaders:KnownNetworks:0", "10.1.0.0/16");
        }

        Assert.Equal("203.0.113.9|https", await SeenAsync(app.WithWebHostBuilder(b => { Configured(b); FromPeer(b, IPAddress.Parse("10.1.2.3")); })));
        Assert.Equal("203.0.113.9|https", await SeenAsync(app.WithWebHostBuilder(b => { Configured(b); FromPeer(b, IPAddress.Parse("10.0.0.5")); })));
        Assert.Equal("127.0.0.1|http", await SeenAsync(app.WithWebHostBuilder(b => { Configured(b); FromPeer(b, IPAddress.Loopback); })));
    }

    private static async Task<string> SeenAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/status");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        request.Headers.Add("X-Forwarded-Proto", "https");
        var response = await factory.CreateClient().SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"GET /api/status answered {(int)response.StatusCode}");
        return response.Headers.GetValues("X-Test-Seen").Single();
    }

    // The in-memory test server has no peer address; this one stands in for the TCP connection a proxy would open,
    // and reports what the app saw once its own middleware (the forwarded headers) has run.
    private static void FromPeer(IWebHostBuilder builder, IPAddress peer) =>
        builder.ConfigureTestServices(s => s.AddSingleton<IStartupFilter>(new PeerAddress(peer)));

    private sealed class PeerAddress(IPAddress peer) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
        {
            builder.Use((context, inner) =>
            {
                context.Connection.RemoteIpAddress = peer;
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers["X-Test-Seen"] = $"{context.Connection.RemoteIpAddress}|{context.Request.Scheme}";
                    return Task.CompletedTask;
                });
                return inner(context);
            });
            next(builder);
        };
    }
}
