using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Store.Tests.Support;

/// <summary>
/// A real SMTP listener on 127.0.0.1 (SmtpServer), on a port the operating system picks, that keeps every message
/// it accepts. A message is kept before the server answers the DATA command, so once a client's send returns
/// the message is in <see cref="Received"/>.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer server;
    private readonly Task running;
    private readonly ConcurrentQueue<ReceivedEmail> received;

    private SmtpTestServer(SmtpServer.SmtpServer server, Task running, int port, ConcurrentQueue<ReceivedEmail> received)
    {
        this.server = server;
        this.running = running;
        this.received = received;
        Port = port;
    }

    public int Port { get; }

    public IReadOnlyList<ReceivedEmail> Received => received.ToArray();

    /// <param name="reject">Answer every message with a permanent failure (554), as a server refusing mail does.</param>
    public static async Task<SmtpTestServer> StartAsync(bool reject = false)
    {
        var received = new ConcurrentQueue<ReceivedEmail>();
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => listening.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);

        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(listeners);
        services.Add(new CapturingStore(received, reject));
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, 0)))
            .Build();
        var server = new SmtpServer.SmtpServer(options, services);
        var running = server.StartAsync(CancellationToken.None);
        var port = await listening.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return new SmtpTestServer(server, running, port, received);
    }

    public async ValueTask DisposeAsync()
    {
        server.Shutdown();
        await server.ShutdownTask.WaitAsync(TimeSpan.FromSeconds(10));
        await running.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private sealed class CapturingStore(ConcurrentQueue<ReceivedEmail> received, bool reject) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (reject)
            {
                return SmtpResponse.TransactionFailed;
            }

            await using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            received.Enqueue(new ReceivedEmail(transaction.To.Select(m => $"{m.User}@{m.Host}").ToList(), message));
            return SmtpResponse.Ok;
        }
    }
}
