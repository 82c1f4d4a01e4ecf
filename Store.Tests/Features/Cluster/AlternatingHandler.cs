namespace Store.Tests.Features.Cluster;

/// <summary>Sends each request to the next instance in turn, as a balancer without stickiness would.</summary>
public sealed class AlternatingHandler(IReadOnlyList<Uri> instances, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private int _next;

    public List<Uri> Sent { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = instances[_next++ % instances.Count];
        Sent.Add(target);
        request.RequestUri = new Uri(target, request.RequestUri!.PathAndQuery);
        return base.SendAsync(request, cancellationToken);
    }
}
