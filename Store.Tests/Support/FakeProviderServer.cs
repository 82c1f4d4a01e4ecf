using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Store.Tests.Support;

/// <summary>
/// What the PayPal and Square stand-ins share: Kestrel on 127.0.0.1 at a port the system picks, a record of every
/// call, replay of an idempotency key's first answer without a second effect, and injected faults (an error body
/// with its status, such as a 429, or a delay past the store's timeout) for the next call to a path.
/// </summary>
public abstract class FakeProviderServer : IAsyncDisposable
{
    private readonly List<ProviderCall> calls = [];
    private readonly Dictionary<string, (int Status, string Body)> answered = [];
    private readonly List<(string PathEnd, int Status, string Body)> failures = [];
    private readonly List<(string PathEnd, TimeSpan Delay)> delays = [];
    private WebApplication app = null!;

    private const string RawBodyKey = "fake-provider.raw-body";

    protected Lock Gate { get; } = new();

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<ProviderCall> Calls
    {
        get
        {
            lock (Gate)
            {
                return calls.ToList();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>The next call whose path ends so is answered with this status and body, and has no effect.</summary>
    public void FailNext(string pathEnd, int status, string body)
    {
        lock (Gate)
        {
            failures.Add((pathEnd, status, body));
        }
    }

    /// <summary>The next call whose path ends so is answered only after this delay (its effect happens first).</summary>
    public void DelayNext(string pathEnd, TimeSpan delay)
    {
        lock (Gate)
        {
            delays.Add((pathEnd, delay));
        }
    }

    protected async Task StartServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync();
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    /// <summary>The bytes of a call's body exactly as the store sent them.</summary>
    protected static byte[] RawBody(HttpRequest request) => (byte[])request.HttpContext.Items[RawBodyKey]!;

    /// <summary>The provider's answer to one call, under the lock: (status, JSON body, or a redirect as "302 url").</summary>
    protected abstract (int Status, string Body) Answer(HttpRequest request, string path, JsonObject? body, string? idempotencyKey);

    /// <summary>The idempotency key of a call: a header for PayPal, a body field for Square.</summary>
    protected abstract string? KeyOf(HttpRequest request, JsonObject? body);

    /// <summary>Whether the call carries the right credentials; a call that does not is answered 401 with this body.</summary>
    protected abstract string? Unauthorised(HttpRequest request, string path);

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var received = new MemoryStream();
        await request.Body.CopyToAsync(received);
        var bytes = received.ToArray();
        context.Items[RawBodyKey] = bytes;
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        var path = request.Path.Value ?? "";
        JsonObject? body = null;
        if (text.Length > 0 && request.ContentType?.Contains("json", StringComparison.Ordinal) == true)
        {
            body = JsonNode.Parse(text) as JsonObject;
        }

        var key = KeyOf(request, body);
        TimeSpan? delay = null;
        (int Status, string Body) answer;
        lock (Gate)
        {
            calls.Add(new ProviderCall(request.Method, path, key, text));
            var failure = failures.FindIndex(f => path.EndsWith(f.PathEnd, StringComparison.Ordinal));
            var slow = delays.FindIndex(d => path.EndsWith(d.PathEnd, StringComparison.Ordinal));
            if (slow >= 0)
            {
                delay = delays[slow].Delay;
                delays.RemoveAt(slow);
            }

            var replayKey = key is null ? null : $"{request.Method} {path} {key}";
            if (Unauthorised(request, path) is { } refusal)
            {
                answer = (401, refusal);
            }
            else if (failure >= 0)
            {
                answer = (failures[failure].Status, failures[failure].Body);
                failures.RemoveAt(failure);
            }
            else if (replayKey is not null && answered.TryGetValue(replayKey, out var first))
            {
                answer = first;
            }
            else
            {
                answer = Answer(request, path, body, key);
                if (replayKey is not null && answer.Status < 500 && answer.Status != 429)
                {
                    answered[replayKey] = answer;
                }
            }
        }

        if (delay is { } wait)
        {
            await Task.Delay(wait);
        }

        if (answer.Status == 302)
        {
            context.Response.Redirect(answer.Body);
            return;
        }

        context.Response.StatusCode = answer.Status;
        if (answer.Status == 429)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        if (answer.Body.Length > 0)
        {
            context.Response.ContentType = answer.Body.StartsWith('<') ? "text/html; charset=utf-8" : "application/json";
            await context.Response.WriteAsync(answer.Body);
        }
    }
}
